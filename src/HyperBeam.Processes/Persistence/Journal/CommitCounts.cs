namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>Transactions committed and the rows they carried (for benches: how well writes were grouped).</summary>
public readonly record struct CommitCounts(long Commits, long Rows)
{
    public double RowsPerCommit => Commits > 0 ? (double)Rows / Commits : 0;

    public static CommitCounts operator -(CommitCounts after, CommitCounts before) =>
        new(after.Commits - before.Commits, after.Rows - before.Rows);
}
