using Akka.Persistence.Sql.Journal.Types;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// What one persistent actor handed the journal in one <c>WriteMessages</c>: its rows (consecutive sequence numbers,
/// written all or none), and the promise its journal reply waits on, kept once the rows are durable or have failed.
/// </summary>
/// <param name="persistenceId">The actor whose rows these are.</param>
/// <param name="rows">Its rows, in sequence number order.</param>
/// <param name="gapFrom">
/// The first sequence number the actor handed in after these rows but that could not be written (the journal
/// rejected it): no later write of the actor may continue past it, as that would leave a gap. Null when none.
/// </param>
/// <param name="settled">
/// Called once, on the stage's own loop, when the rows are durable (null) or have failed (the cause), before
/// <see cref="Done"/> completes: writes settle in the order they were queued, so replies sent from here keep it.
/// </param>
public sealed class JournalWrite(string persistenceId, IReadOnlyList<JournalRow> rows, long? gapFrom = null, Action<Exception?>? settled = null)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _settled;

    public string PersistenceId { get; } = persistenceId;

    public IReadOnlyList<JournalRow> Rows { get; } = rows;

    /// <summary>The first sequence number of the rows (0 when there are none).</summary>
    public long FirstSequenceNr { get; } = rows.Count > 0 ? rows[0].SequenceNumber : 0;

    /// <summary>See the constructor: where this actor's sequence numbers stop being writable, if anywhere.</summary>
    public long? GapFrom { get; } = gapFrom;

    /// <summary>A flush (<see cref="JournalWriteStage.FlushAsync"/>): no rows, done once the tail was moved as this says.</summary>
    internal TailMove? Flush { get; private init; }

    internal bool IsFlush => Flush is not null;

    internal static JournalWrite FlushOf(TailMove move) => new("", []) { Flush = move };

    /// <summary>Completes after the rows were committed; faults when they were not (and then none of them was).</summary>
    public Task Done => _done.Task;

    internal void Succeed()
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0) return;
        settled?.Invoke(null);
        _done.TrySetResult();
    }

    internal void Fail(Exception cause)
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0) return;
        settled?.Invoke(cause);
        _done.TrySetException(cause);
    }
}
