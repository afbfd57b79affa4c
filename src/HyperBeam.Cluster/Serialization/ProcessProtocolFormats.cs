using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using static HyperBeam.Cluster.Serialization.WireFields;

namespace HyperBeam.Cluster.Serialization;

/// <summary>Wire forms of the process command protocol (HyperBeam.Processes.Protocol).</summary>
internal static class ProcessProtocolFormats
{
    public static IEnumerable<WireFormat> All =>
    [
        WireFormat.For<Schedule>("p.schedule",
            c => Of(("process-id", c.ProcessId), ("message", c.Message)),
            m => new Schedule(Text(m, "process-id"), Msg(m, "message"))),
        WireFormat.For<Scheduled>("p.scheduled",
            c => Of(("process-id", c.ProcessId), ("slot", c.Slot), ("assignment", c.Assignment)),
            m => new Scheduled(Text(m, "process-id"), Long(m, "slot"), Msg(m, "assignment"))),
        WireFormat.For<GetSchedule>("p.get-schedule",
            c => Of(("process-id", c.ProcessId), ("from", c.From), ("to", c.To)),
            m => new GetSchedule(Text(m, "process-id"), Long(m, "from"), OptionalLong(m, "to"))),
        WireFormat.For<SchedulePage>("p.schedule-page",
            c => Of(("process-id", c.ProcessId), ("assignments", new AoList(c.Assignments)), ("continues", c.Continues), ("current-slot", c.CurrentSlot)),
            m => new SchedulePage(Text(m, "process-id"), [.. List(m, "assignments").Items.Cast<Message>()], Bool(m, "continues"), Long(m, "current-slot"))),
        WireFormat.For<GetCurrentSlot>("p.get-current-slot",
            c => Of(("process-id", c.ProcessId)),
            m => new GetCurrentSlot(Text(m, "process-id"))),
        WireFormat.For<CurrentSlot>("p.current-slot",
            c => Of(("process-id", c.ProcessId), ("slot", c.Slot), ("hash-chain", c.HashChain)),
            m => new CurrentSlot(Text(m, "process-id"), Long(m, "slot"), Text(m, "hash-chain"))),
        WireFormat.For<Compute>("p.compute",
            c => Of(("process-id", c.ProcessId), ("slot", c.Slot)),
            m => new Compute(Text(m, "process-id"), OptionalLong(m, "slot"))),
        WireFormat.For<Computed>("p.computed",
            c => Of(("process-id", c.ProcessId), ("slot", c.Slot), ("state", c.State)),
            m => new Computed(Text(m, "process-id"), Long(m, "slot"), Msg(m, "state"))),
        WireFormat.For<DryRun>("p.dry-run",
            c => Of(("process-id", c.ProcessId), ("key", c.Key), ("request", c.Request), ("device", c.Device)),
            m => new DryRun(Text(m, "process-id"), Text(m, "key"), Msg(m, "request"), Text(m, "device"))),
        WireFormat.For<DryRunEvaluated>("p.dry-run-evaluated",
            c => Of(("process-id", c.ProcessId), ("slot", c.Slot), ("status", c.Status), ("value", c.Value), ("error", c.Error)),
            m => new DryRunEvaluated(Text(m, "process-id"), Long(m, "slot"), Text(m, "status"), m.Get("value") ?? AoAtom.Null, OptionalText(m, "error"))),
        WireFormat.For<ProcessCommandFailed>("p.failed",
            c => Of(("process-id", c.ProcessId), ("status", c.Status), ("reason", c.Reason)),
            m => new ProcessCommandFailed(Text(m, "process-id"), (int)Long(m, "status"), Text(m, "reason"))),
        WireFormat.For<GetCheckpoint>("p.get-checkpoint",
            c => Of(("process-id", c.ProcessId), ("checkpoint-id", c.CheckpointId)),
            m => new GetCheckpoint(Text(m, "process-id"), Text(m, "checkpoint-id"))),
        WireFormat.For<CheckpointFound>("p.checkpoint",
            c => Of(("process-id", c.ProcessId), ("checkpoint", c.Checkpoint)),
            m => new CheckpointFound(Text(m, "process-id"), Msg(m, "checkpoint"))),
        WireFormat.For<GetProcessStatus>("p.get-status",
            c => Of(("process-id", c.ProcessId)),
            m => new GetProcessStatus(Text(m, "process-id"))),
        WireFormat.For<ProcessStatus>("p.status",
            c => Of(("process-id", c.ProcessId), ("current-slot", c.CurrentSlot), ("hash-chain", c.HashChain),
                ("scheduling-mode", c.SchedulingMode), ("assignment-signing", c.AssignmentSigning),
                ("checkpointed-slot", c.CheckpointedSlot), ("pending-assignments", c.PendingAssignments)),
            m => new ProcessStatus(Text(m, "process-id"), Long(m, "current-slot"), Text(m, "hash-chain"), Text(m, "scheduling-mode"),
                Text(m, "assignment-signing"), Long(m, "checkpointed-slot"), (int)Long(m, "pending-assignments"))),
        WireFormat.For<GetComputeStatus>("p.get-compute-status",
            c => Of(("process-id", c.ProcessId)),
            m => new GetComputeStatus(Text(m, "process-id"))),
        WireFormat.For<ComputeStatus>("p.compute-status",
            c => Of(("process-id", c.ProcessId), ("computed-slot", c.ComputedSlot), ("state-bytes", c.StateBytes)),
            m => new ComputeStatus(Text(m, "process-id"), OptionalLong(m, "computed-slot"), Long(m, "state-bytes"))),
    ];
}
