using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>Process messages and assignments shaped as the scheduler makes them.</summary>
internal static class TestProcesses
{
    /// <summary>A process whose execution is a stack of the given devices (by default the counting test device).</summary>
    public static Message Process(params string[] stack)
    {
        var devices = stack.Length == 0 ? [ExecutionProbe.DeviceName] : stack;
        return Message.Of(
            ("device", "process@1.0"),
            ("type", "Process"),
            ("execution-device", "stack@1.0"),
            ("device-stack", AoList.Of([.. devices.Select(d => (AoValue)d)])),
            ("scheduler-device", "scheduler@1.0"),
            ("test-nonce", Guid.NewGuid().ToString("N")));
    }

    public static string IdOf(Message process) => MessageIds.All(process);

    public static Message Assignment(string processId, long slot, Message body) => Message.Of(
        ("type", "Assignment"),
        ("slot", slot),
        ("process", processId),
        ("body", body),
        ("hash-chain", $"chain-{slot}"),
        ("timestamp", 1_700_000_000_000 + slot),
        ("block-height", 1000));

    public static Message Labelled(string label) => Message.Of(("type", "Message"), ("label", label));

    /// <summary>Slot 0 holds the process itself, then one labelled message per further slot.</summary>
    public static IReadOnlyList<Message> Schedule(Message process, int slots)
    {
        var id = IdOf(process);
        var list = new List<Message> { Assignment(id, 0, process) };
        for (var slot = 1; slot < slots; slot++) list.Add(Assignment(id, slot, Labelled($"m{slot}")));
        return list;
    }
}
