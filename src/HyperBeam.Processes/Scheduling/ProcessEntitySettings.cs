using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// What every <see cref="ProcessEntity"/> of a node shares: how it signs, when it answers, how often it checkpoints
/// and snapshots, and how it creates its compute child (null: <c>Compute</c> answers 501).
/// </summary>
public sealed record ProcessEntitySettings(AssignmentSigner Signer)
{
    public AssignmentSigning Signing { get; init; } = AssignmentSigning.Each;

    /// <summary>Checkpoint mode: signs the chain heads of every entity sharing these settings together.</summary>
    public NodeCheckpointer Checkpointer { get; init; } = new(Signer);

    public SchedulingMode Mode { get; init; } = SchedulingMode.LocalConfirmation;

    /// <summary>Checkpoint mode: sign the chain head after this many assignments…</summary>
    public int CheckpointEvery { get; init; } = 1000;

    /// <summary>…or within this long after the first assignment not yet covered, whichever comes first.</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A snapshot after this many persisted events, so recovery replays at most this many.</summary>
    public int SnapshotEvery { get; init; } = 1000;

    /// <summary>
    /// How many of the latest assignments stay in memory to answer schedule reads without the journal: a compute
    /// keeping up with its process, and clients reading the latest results. Few, because a busy process replaces
    /// them within milliseconds: with 2 000, a process scheduling 40 000 a second handed the garbage collector ~50 ms
    /// of assignments alive at every collection, each promoted and then dropped a generation up, so every collection
    /// was a gen1 one and paused the node ~300 ms in a 3 s row; with 128, 2–6 of ~50 were (README, "Eighth round").
    /// Older slots are read from the journal a page at a time.
    /// </summary>
    public int RecentAssignments { get; init; } = 128;

    /// <summary>…and at most this many bytes of their content (the newest is always held).</summary>
    public long RecentAssignmentBytes { get; init; } = Scheduling.RecentAssignments.DefaultMaxBytes;

    /// <summary>
    /// …and at most their share of what every entity sharing these settings holds together: one busy process keeps
    /// its 128, a hundred keep 2 each.
    /// </summary>
    public RecentAssignmentBudget RecentAssignmentBudget { get; init; } = new();

    public ComputeChildFactory? ComputeChild { get; init; }

    /// <summary>The read journal that serves schedule reads older than the in-memory window.</summary>
    public string QueryJournalPluginId { get; init; } = "akka.persistence.query.journal.sql";
}
