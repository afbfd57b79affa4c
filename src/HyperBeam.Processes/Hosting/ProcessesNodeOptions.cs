using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Wallets;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Hosting;

/// <summary>
/// Reads a node's process options from its node message (HyperBEAM-style snake_case keys):
/// <c>scheduling_mode</c> (local_confirmation | aggressive), <c>assignment_signing</c> (each | checkpoint),
/// <c>scheduler_checkpoint_every</c>, <c>scheduler_checkpoint_interval_ms</c>, <c>scheduler_checkpoint_spacing_ms</c>,
/// <c>scheduler_snapshot_every</c>, <c>scheduler_recent_assignments</c> and <c>scheduler_recent_assignment_bytes</c> (what all
/// of the node's processes keep of their latest assignments in memory together: default 256 and 16 MiB),
/// <c>compute_snapshot_every</c> and <c>compute_snapshot_spacing_ms</c>. The journal is
/// <c>processes.db</c> in the data folder. Values are read by <see cref="NodeMessageOptions"/>, so the dashed
/// spellings (<c>scheduling-mode</c>, …) are accepted too.
/// </summary>
public static class ProcessesNodeOptions
{
    public static ProcessesOptions FromNodeMessage(Message node, string dataDir, AssignmentSigner signer, ComputeChildFactory? computeChild = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var entity = new ProcessEntitySettings(signer)
        {
            Mode = SchedulerOptionNames.ParseSchedulingMode(NodeMessageOptions.GetText(node, SchedulerOptionNames.SchedulingMode)),
            Signing = SchedulerOptionNames.ParseAssignmentSigning(NodeMessageOptions.GetText(node, SchedulerOptionNames.AssignmentSigning)),
            CheckpointEvery = (int)Integer(node, SchedulerOptionNames.CheckpointEvery, 1000, 1, 1_000_000),
            CheckpointInterval = TimeSpan.FromMilliseconds(Integer(node, SchedulerOptionNames.CheckpointInterval, 1000, 1, 86_400_000)),
            Checkpointer = new NodeCheckpointer(signer, TimeSpan.FromMilliseconds(Integer(node, SchedulerOptionNames.CheckpointSpacing,
                (long)NodeCheckpointer.DefaultSpacing.TotalMilliseconds, 0, 86_400_000))),
            SnapshotEvery = (int)Integer(node, SchedulerOptionNames.SnapshotEvery, 1000, 1, 1_000_000),
            RecentAssignmentBudget = new RecentAssignmentBudget(
                (int)Integer(node, SchedulerOptionNames.RecentAssignments, RecentAssignmentBudget.DefaultCount, 1, 1_000_000),
                Integer(node, SchedulerOptionNames.RecentAssignmentBytes, RecentAssignmentBudget.DefaultBytes, 0, 1L << 40)),
            ComputeChild = computeChild,
        };
        return new ProcessesOptions(entity, Path.Combine(dataDir, SqliteJournalFile.DefaultFileName));
    }

    /// <summary>
    /// <c>compute_snapshot_every</c>: a process's computed state is snapshotted every this many slots (default 128).
    /// Each snapshot costs a journal write and a snapshot write on the store's one writer (hb bench compute measures
    /// it), so the default trades a short re-run after a restart for throughput.
    /// </summary>
    public static int ComputeSnapshotEvery(Message node) => (int)Integer(node, "compute_snapshot_every", 128, 1, 1_000_000);

    /// <summary>
    /// <c>compute_snapshot_spacing_ms</c>: the least time between the starts of two snapshot writes of one process
    /// (default 100, 0 to 86 400 000; see <see cref="ComputeSettings.MinSnapshotSpacing"/>). Snapshots due meanwhile
    /// wait and the newest is written once it has passed.
    /// </summary>
    public static TimeSpan ComputeSnapshotSpacing(Message node) => TimeSpan.FromMilliseconds(
        Integer(node, "compute_snapshot_spacing_ms", (long)ComputeSettings.DefaultMinSnapshotSpacing.TotalMilliseconds, 0, 86_400_000));

    private static long Integer(Message node, string key, long fallback, long min, long max) =>
        NodeMessageOptions.GetInteger(node, key, fallback, min, max);
}
