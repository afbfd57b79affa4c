using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Devices.Scheduler;

/// <summary>The replies of <c>scheduler@1.0</c>, in HyperBEAM's formats (<c>dev_scheduler_formats:assignments_to_bundle</c>, <c>slot</c>).</summary>
internal static class SchedulerReplies
{
    public static ResolveResult Status(int status, string reason) =>
        new(status == 404 ? ResolveStatus.NotFound : ResolveStatus.Error, Message.Of(("status", status), ("body", reason)), reason);

    public static ResolveResult NoProcess() =>
        Status(400, "No process given: name it with target, or ask on the process (/PROCESS~scheduler@1.0/...).");

    /// <summary>A page of assignments as HyperBEAM's <c>schedule</c> message: assignments keyed by slot.</summary>
    public static Message Bundle(SchedulePage page)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var height = LocalBlockClock.Height(now, 0);
        var assignments = new MessageBuilder();
        foreach (var assignment in page.Assignments)
            if (assignment.Get(AssignmentKeys.Slot) is AoInteger slot) assignments.Set(slot.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), assignment);
        return new MessageBuilder()
            .Set("type", "schedule")
            .Set("process", page.ProcessId)
            .Set("continues", page.Continues)
            .Set("current", page.CurrentSlot)
            .Set("timestamp", now)
            .Set("block-height", height)
            .Set("block-hash", LocalBlockClock.Hash(height))
            .Set("assignments", assignments.Build())
            .Set("cache-control", "no-store")
            .Build();
    }

    public static Message Slot(CurrentSlot slot, string? address)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var height = LocalBlockClock.Height(now, 0);
        var reply = new MessageBuilder()
            .Set("process", slot.ProcessId)
            .Set("current", slot.Slot)
            .Set("hash-chain", slot.HashChain)
            .Set("timestamp", now)
            .Set("block-height", height)
            .Set("block-hash", LocalBlockClock.Hash(height))
            .Set("cache-control", "no-store");
        if (address is not null) reply.Set("wallet-address", address);
        return reply.Build();
    }

    public static Message Status(ProcessStatus status, MessageBuilder node) =>
        node.Set("process", status.ProcessId)
            .Set("current", status.CurrentSlot)
            .Set("hash-chain", status.HashChain)
            .Set("scheduling-mode", status.SchedulingMode)
            .Set("assignment-signing", status.AssignmentSigning)
            .Set("checkpointed-slot", status.CheckpointedSlot)
            .Set("pending", status.PendingAssignments)
            .Build();

    /// <summary>An optional whole number given as an integer or as text; false when present but not one.</summary>
    public static bool TryInteger(AoValue? value, out long? result)
    {
        result = null;
        switch (value)
        {
            case null:
                return true;
            case AoInteger i:
                result = i.Value;
                return true;
            case AoBinary b when long.TryParse(b.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var parsed):
                result = parsed;
                return true;
            default:
                return false;
        }
    }
}
