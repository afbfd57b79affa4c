using Akka.Persistence.Sql.Journal.Types;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// What one persistent actor handed the journal in one <c>WriteMessages</c>: its rows (consecutive sequence numbers,
/// written all or none), and the promise its journal reply waits on, kept once the rows are durable or have failed.
/// </summary>
public sealed class JournalWrite(string persistenceId, IReadOnlyList<JournalRow> rows)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string PersistenceId { get; } = persistenceId;

    public IReadOnlyList<JournalRow> Rows { get; } = rows;

    /// <summary>The first sequence number of the rows (0 when there are none).</summary>
    public long FirstSequenceNr { get; } = rows.Count > 0 ? rows[0].SequenceNumber : 0;

    /// <summary>Completes after the rows were committed; faults when they were not (and then none of them was).</summary>
    public Task Done => _done.Task;

    internal void Succeed() => _done.TrySetResult();

    internal void Fail(Exception cause) => _done.TrySetException(cause);
}
