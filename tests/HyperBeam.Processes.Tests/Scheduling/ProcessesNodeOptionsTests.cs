using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Hosting;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class ProcessesNodeOptionsTests
{
    [Fact]
    public void The_checkpoint_options_come_from_the_node_message_and_default_when_absent()
    {
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet, threads: 1);

        var set = ProcessesNodeOptions.FromNodeMessage(Message.Of(
            ("assignment_signing", "checkpoint"), ("scheduler_checkpoint_every", 50), ("scheduler_checkpoint_interval_ms", 2000),
            ("scheduler_checkpoint_spacing_ms", 250)), "data", signer).Entity;
        Assert.Equal((AssignmentSigning.Checkpoint, 50, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(250)),
            (set.Signing, set.CheckpointEvery, set.CheckpointInterval, set.Checkpointer.MinimumSpacing));

        var defaults = ProcessesNodeOptions.FromNodeMessage(Message.Of(("assignment_signing", "checkpoint")), "data", signer).Entity;
        Assert.Equal((1000, TimeSpan.FromSeconds(1), NodeCheckpointer.DefaultSpacing),
            (defaults.CheckpointEvery, defaults.CheckpointInterval, defaults.Checkpointer.MinimumSpacing));
        Assert.Equal(TimeSpan.FromMilliseconds(100), NodeCheckpointer.DefaultSpacing);
    }

    [Fact]
    public void The_nodes_budget_of_recent_assignments_comes_from_the_node_message_and_defaults_when_absent()
    {
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet, threads: 1);

        var set = ProcessesNodeOptions.FromNodeMessage(Message.Of(
            ("scheduler_recent_assignments", 1024), ("scheduler_recent_assignment_bytes", 1 << 20)), "data", signer).Entity.RecentAssignmentBudget;
        Assert.Equal((1024, 1L << 20), (set.Count, set.Bytes));

        var defaults = ProcessesNodeOptions.FromNodeMessage(Message.Of(("assignment_signing", "checkpoint")), "data", signer).Entity.RecentAssignmentBudget;
        Assert.Equal((256, 16L << 20), (defaults.Count, defaults.Bytes));
        Assert.Throws<ArgumentException>(() => ProcessesNodeOptions.FromNodeMessage(Message.Of(("scheduler_recent_assignments", 0)), "data", signer));
    }

    [Fact]
    public void The_spacing_of_compute_snapshot_writes_comes_from_the_node_message_and_defaults_when_absent()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(2500), ProcessesNodeOptions.ComputeSnapshotSpacing(Message.Of(("compute_snapshot_spacing_ms", 2500))));
        Assert.Equal(TimeSpan.Zero, ProcessesNodeOptions.ComputeSnapshotSpacing(Message.Of(("compute-snapshot-spacing-ms", 0))));
        Assert.Equal(TimeSpan.FromMilliseconds(100), ProcessesNodeOptions.ComputeSnapshotSpacing(Message.Empty));
        Assert.Equal(ComputeSettings.DefaultMinSnapshotSpacing, new ComputeSettings().MinSnapshotSpacing);
        Assert.Throws<ArgumentException>(() => ProcessesNodeOptions.ComputeSnapshotSpacing(Message.Of(("compute_snapshot_spacing_ms", -1))));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComputeSettings { MinSnapshotSpacing = TimeSpan.FromMilliseconds(-1) }.Validate());
    }
}
