using System.Globalization;
using System.Text;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// One call of the JSON interface, whoever runs the module (<c>genesis-wasm@1.0</c> natively, <c>json-iface@1.0</c>
/// through <c>wasm-64@1.0</c>): the message and environment JSON written for <c>handle</c>
/// (<see cref="AosJsonMessage"/>), the clock and random seed of the slot, and the answer read back as the slot's
/// <c>results</c> (<see cref="AosJsonResult"/>). The process ID and the environment are fixed at <c>init</c>
/// (<see cref="Fix"/>): a state read back from the store may have lost the process's commitments (and so its signed ID
/// and owner), and the module must see the same environment throughout.
/// </summary>
internal sealed record AosCall(byte[] MessageJson, byte[] EnvironmentJson, string ProcessId, string ModuleId, ulong TimestampMs, string Seed)
{
    public const string ProcessIdKey = "json-iface-process", EnvironmentKey = "json-iface-env";

    /// <summary>The state with the process ID and environment of <paramref name="process"/> kept for every later call.</summary>
    public static Message Fix(Message state, Message process, string moduleId)
    {
        var environment = AosJsonMessage.Environment(process, moduleId);
        return state.Set(ProcessIdKey, MessageIds.All(process))
            .Set(EnvironmentKey, Encoding.UTF8.GetString(environment.AsSpan(0, environment.Length - 1)));
    }

    /// <summary>The process ID fixed at init, else the process's own.</summary>
    public static string ProcessIdOf(Message state, Message process) => state.GetText(ProcessIdKey) ?? MessageIds.All(process);

    /// <summary>The call for the assignment <paramref name="request"/> (its <c>body</c> is the AO message) on <paramref name="state"/>.</summary>
    public static AosCall Of(Message state, Message process, string moduleId, Message request)
    {
        var processId = ProcessIdOf(state, process);
        var message = request.GetMessage("body") ?? request;
        var slot = request.Get("slot") is AoInteger s ? s.Value : 0;
        var timestamp = request.Get("timestamp") switch
        {
            AoInteger t => (ulong)Math.Max(0, t.Value),
            AoBinary b when ulong.TryParse(b.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var t) => t,
            _ => 0UL,
        };
        var environment = state.GetText(EnvironmentKey) is { } fixedEnvironment
            ? Encoding.UTF8.GetBytes(fixedEnvironment + "\0")
            : AosJsonMessage.Environment(process, moduleId);
        return new AosCall(AosJsonMessage.Message(message, request, moduleId), environment, processId, moduleId, timestamp,
            $"{processId}/{slot}");
    }

    /// <summary>The slot's <c>results</c> from what <c>handle</c> returned (a failure's text when it returned nothing usable).</summary>
    public Message Results(string returned) => Results(returned, ProcessId, ModuleId);

    /// <inheritdoc cref="Results(string)"/>
    public static Message Results(string returned, string processId, string moduleId)
    {
        var (parsed, error) = AosJsonResult.Parse(returned, processId, moduleId);
        return parsed ?? AosJsonResult.Failed(error!);
    }
}
