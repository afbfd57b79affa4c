using Wasmtime;

namespace HyperBeam.Wasm.Runtime;

/// <summary>Turns a Wasmtime trap into a <see cref="WasmFailure"/> that says why (out of fuel, or the trap's cause).</summary>
internal static class WasmTraps
{
    public static WasmFailure Failure(WasmtimeException e, string what, ulong fuel) =>
        e is TrapException { Type: TrapCode.OutOfFuel }
            ? new WasmFailure(422, WasmErrorCodes.OutOfFuel, $"{what}: out of fuel after {fuel} units", true)
            : new WasmFailure(422, WasmErrorCodes.Trap, $"{what}: {Reason(e)}", true);

    public static string FirstLine(string text)
    {
        var end = text.IndexOf('\n');
        return (end < 0 ? text : text[..end]).Trim();
    }

    /// <summary>The cause Wasmtime puts after its backtrace (e.g. <c>wasm trap: integer divide by zero</c>).</summary>
    private static string Reason(WasmtimeException e)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var cause = lines.LastOrDefault(l => l.Contains("trap", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("error while", StringComparison.Ordinal))
            ?? lines.LastOrDefault() ?? e.GetType().Name;
        return e is TrapException trap ? $"{cause} ({trap.Type})" : cause;
    }
}
