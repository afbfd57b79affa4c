namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// Transactions committed, the rows they carried and the time spent writing them (for benches: how well writes were
/// grouped, and how much of the writer's time a commit takes against the time it waits for rows).
/// </summary>
public readonly record struct CommitCounts(long Commits, long Rows, TimeSpan Writing = default)
{
    public double RowsPerCommit => Commits > 0 ? (double)Rows / Commits : 0;

    /// <summary>The average time from a transaction's first insert to its commit returning.</summary>
    public TimeSpan PerCommit => Commits > 0 ? Writing / Commits : TimeSpan.Zero;

    public static CommitCounts operator -(CommitCounts after, CommitCounts before) =>
        new(after.Commits - before.Commits, after.Rows - before.Rows, after.Writing - before.Writing);
}
