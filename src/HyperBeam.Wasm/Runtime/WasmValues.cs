using System.Globalization;
using HyperBeam.Core.Messages;
using Wasmtime;

namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// Numbers between AO values and wasm values, as <c>hb_beamr</c> passes them: integers for i32/i64, floats for
/// f32/f64. Numeric text is accepted too (parameters that arrived over HTTP); anything else is a clear error.
/// </summary>
internal static class WasmValues
{
    public static bool TryToBox(AoValue value, ValueKind kind, out ValueBox box, out string? error)
    {
        box = default;
        error = null;
        var number = AsNumber(value);
        switch (kind, number)
        {
            case (ValueKind.Int32, long l) when l is >= int.MinValue and <= uint.MaxValue:
                box = unchecked((int)l);
                return true;
            case (ValueKind.Int64, long l):
                box = l;
                return true;
            case (ValueKind.Int32 or ValueKind.Int64, double d) when double.IsInteger(d) && d is >= long.MinValue and < 9.2233720368547758E18:
                return TryToBox(new AoInteger((long)d), kind, out box, out error);
            case (ValueKind.Float32, long or double):
                box = (float)Convert.ToDouble(number, CultureInfo.InvariantCulture);
                return true;
            case (ValueKind.Float64, long or double):
                box = Convert.ToDouble(number, CultureInfo.InvariantCulture);
                return true;
            case (ValueKind.Int32 or ValueKind.Int64 or ValueKind.Float32 or ValueKind.Float64, _):
                error = $"{Describe(value)} does not fit a wasm {Name(kind)}";
                return false;
            default:
                error = $"wasm {Name(kind)} values cannot be passed";
                return false;
        }
    }

    /// <summary>A wasm value (as Wasmtime returns it boxed) as an AO number.</summary>
    public static AoValue? FromObject(object? value) => value switch
    {
        int i => new AoInteger(i),
        long l => new AoInteger(l),
        float f => new AoFloat(f),
        double d => new AoFloat(d),
        _ => null,
    };

    public static AoValue? FromBox(ValueBox box, ValueKind kind) => kind switch
    {
        ValueKind.Int32 => new AoInteger(box.AsInt32()),
        ValueKind.Int64 => new AoInteger(box.AsInt64()),
        ValueKind.Float32 => new AoFloat(box.AsSingle()),
        ValueKind.Float64 => new AoFloat(box.AsDouble()),
        _ => null,
    };

    /// <summary>HyperBEAM's <c>func_sig</c> style: <c>(i32, i64) -> f64</c>.</summary>
    public static string Signature(IReadOnlyList<ValueKind> parameters, IReadOnlyList<ValueKind> results) =>
        $"({string.Join(", ", parameters.Select(Name))}) -> {(results.Count == 0 ? "()" : string.Join(", ", results.Select(Name)))}";

    public static string Name(ValueKind kind) => kind switch
    {
        ValueKind.Int32 => "i32",
        ValueKind.Int64 => "i64",
        ValueKind.Float32 => "f32",
        ValueKind.Float64 => "f64",
        ValueKind.V128 => "v128",
        ValueKind.FuncRef => "funcref",
        ValueKind.ExternRef => "externref",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static object? AsNumber(AoValue value) => value switch
    {
        AoInteger i => i.Value,
        AoFloat f => f.Value,
        AoBinary b when long.TryParse(b.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        AoBinary b when double.TryParse(b.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static string Describe(AoValue value) => value switch
    {
        AoBinary b when b.Length <= 32 && b.IsUtf8 => $"'{b.Text}'",
        _ => $"a {value.TypeName}",
    };
}
