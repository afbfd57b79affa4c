using System.Diagnostics;
using System.Threading.Channels;
using Akka.Persistence.Sql.Journal.Types;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// The one writer of a journal: every persistent actor's writes queue here, and each transaction takes everything
/// queued by then (up to <c>maxRowsPerTransaction</c>), whichever actors it came from. One commit then confirms many
/// actors' tiny batches, where a round trip per actor used to cost more than the rows themselves.
/// <para>
/// Writes commit in the order they were queued (an actor's later rows never land before its earlier ones) and a
/// waiter is told only after the commit. When a transaction fails, every write in it fails (nothing of it was
/// written), and so does any later write of the same actor that continues past the failed rows: it would leave a gap
/// in that actor's sequence numbers. A write that starts at or below the failed rows (the actor restarted and
/// recovered) clears that mark.
/// </para>
/// <para>
/// An actor may have several writes queued at once (the journal lets it send its next batch before the last one
/// committed). A write refused when it is queued (the queue is full, or it continues past rows refused before) is
/// failed only after the actor's writes queued before it settled, so the actor hears of its writes in order; and
/// the refused rows mark a gap the actor's later writes may not continue past, as a failed transaction's do.
/// </para>
/// <para>
/// A transaction that failed for what one write's rows hold (a duplicate key from a second incarnation of an actor,
/// say; the journal says which failures those are) is tried again write by write, in order, so only the writes
/// whose own rows fail again fail: one actor's bad rows do not fail every other actor that shared its commit. A
/// failure of the database itself (busy, full, gone) fails the whole transaction at once, as before.
/// </para>
/// <para>
/// A writer whose commits land in a tail (<see cref="SqliteJournalTail"/>) moves it on the stage's loop too: after
/// any commit once it is long enough, and whenever a <see cref="FlushAsync"/> comes up in the queue.
/// </para>
/// </summary>
public sealed class JournalWriteStage : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<JournalRow>, CancellationToken, Task> _commit;
    private readonly Func<Exception, bool> _isFaultOfRows;
    private readonly Func<TailMove, CancellationToken, Task> _mergeTail;
    private readonly int _maxRowsPerTransaction;
    private readonly Channel<JournalWrite> _queue;
    private readonly Dictionary<string, long> _failedFrom = [];
    private readonly object _queueing = new();
    private readonly Dictionary<string, long> _refusedFrom = [];
    private readonly Dictionary<string, JournalWrite> _lastQueued = [];
    private readonly ManualResetEventSlim _arrived = new(false, spinCount: 1);
    private readonly Task _loop;
    private volatile bool _closed;
    private static long s_commits;
    private static long s_committedRows;
    private static long s_writingTicks;

    /// <summary>Transactions committed by every stage in this process so far, their rows and the time they took (a bench's counter).</summary>
    public static CommitCounts Committed => new(Interlocked.Read(ref s_commits), Interlocked.Read(ref s_committedRows),
        Stopwatch.GetElapsedTime(0, Interlocked.Read(ref s_writingTicks)));

    /// <param name="commit">Writes the rows in one transaction; returns once they are durable, throws if none was written.</param>
    /// <param name="maxRowsPerTransaction">Rows per transaction (a single write larger than this still goes whole).</param>
    /// <param name="maxQueuedWrites">Writes waiting beyond this are refused at once (the journal answers them with a failure).</param>
    /// <param name="ownThread">
    /// Commit on a thread of the stage's own (for a commit that runs on its caller, as SQLite's does) rather than as a
    /// thread-pool task (for one that awaits I/O: its continuation comes from the pool anyway).
    /// </param>
    /// <param name="isFaultOfRows">
    /// Whether a failed commit failed for what some rows hold rather than for the database (none, when null): such a
    /// transaction is tried again write by write.
    /// </param>
    /// <param name="mergeTail">Moves the writer's tail into the journal table when the move says it is due. None when null.</param>
    public JournalWriteStage(Func<IReadOnlyList<JournalRow>, CancellationToken, Task> commit, int maxRowsPerTransaction, int maxQueuedWrites,
        bool ownThread = true, Func<Exception, bool>? isFaultOfRows = null, Func<TailMove, CancellationToken, Task>? mergeTail = null)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerTransaction, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedWrites, 1);
        _commit = commit;
        _isFaultOfRows = isFaultOfRows ?? (_ => false);
        _mergeTail = mergeTail ?? ((_, _) => Task.CompletedTask);
        _maxRowsPerTransaction = maxRowsPerTransaction;
        _queue = Channel.CreateBounded<JournalWrite>(new BoundedChannelOptions(maxQueuedWrites)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = ownThread ? StartThread() : Task.Run(RunAsync);
    }

    private Task StartThread()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run();
                stopped.SetResult();
            }
            catch (Exception e)
            {
                stopped.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "journal write stage",
        };
        thread.Start();
        return stopped.Task;
    }

    /// <summary>Queues <paramref name="write"/>; its <see cref="JournalWrite.Done"/> tells when it is durable.</summary>
    public Task WriteAsync(JournalWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Exception? refusal;
        JournalWrite? before;
        lock (_queueing)
        {
            _lastQueued.TryGetValue(write.PersistenceId, out before);
            refusal = ContinuesPastRefusal(write);
            if (refusal is null && !_queue.Writer.TryWrite(write))
            {
                refusal = _closed
                    ? new InvalidOperationException("the journal is stopping")
                    : new InvalidOperationException("the journal's write queue is full");
                if (write.Rows.Count > 0) MarkRefused(write.PersistenceId, write.FirstSequenceNr);
            }
            if (refusal is null)
            {
                _lastQueued[write.PersistenceId] = write;
                if (write.GapFrom is { } gap) MarkRefused(write.PersistenceId, gap);
            }
        }
        if (refusal is null)
        {
            // Queued: the loop settles it and forgets it there (no continuation, so no thread-pool hop per write).
            _arrived.Set();
        }
        else if (before is null || before.Done.IsCompleted)
        {
            write.Fail(refusal);
        }
        else
        {
            // After the actor's earlier writes: they may still commit, and their replies come first.
            before.Done.ContinueWith(_ => write.Fail(refusal), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return write.Done;
    }

    /// <summary>
    /// Completes once every write queued before it settled and the writer's tail was moved into the journal table
    /// (what replay and the read journal read) if <paramref name="move"/> (by default: any row) finds it holds what a
    /// read needs; faults when the move failed or the stage is stopping.
    /// </summary>
    public Task FlushAsync(TailMove? move = null)
    {
        var flush = JournalWrite.FlushOf(move ?? TailMove.All);
        bool queued;
        lock (_queueing)
        {
            queued = _queue.Writer.TryWrite(flush);
        }
        if (queued)
        {
            _arrived.Set();
            return flush.Done;
        }
        return _closed ? Task.FromException(new InvalidOperationException("the journal is stopping")) : QueueWhenRoomAsync(flush);
    }

    private async Task QueueWhenRoomAsync(JournalWrite flush)
    {
        try
        {
            await _queue.Writer.WriteAsync(flush).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("the journal is stopping");
        }
        _arrived.Set();
        await flush.Done.ConfigureAwait(false);
    }

    private Exception? ContinuesPastRefusal(JournalWrite write)
    {
        if (write.Rows.Count == 0 || !_refusedFrom.TryGetValue(write.PersistenceId, out var refusedFrom)) return null;
        if (write.FirstSequenceNr <= refusedFrom)
        {
            _refusedFrom.Remove(write.PersistenceId);
            return null;
        }
        return new InvalidOperationException(
            $"{write.PersistenceId}: sequence number {refusedFrom} was not written, so {write.FirstSequenceNr} cannot follow it");
    }

    private void MarkRefused(string persistenceId, long sequenceNr) =>
        _refusedFrom[persistenceId] = Math.Min(sequenceNr, _refusedFrom.GetValueOrDefault(persistenceId, long.MaxValue));

    private void Forget(JournalWrite write)
    {
        lock (_queueing)
        {
            if (_lastQueued.TryGetValue(write.PersistenceId, out var last) && last == write) _lastQueued.Remove(write.PersistenceId);
        }
    }

    /// <summary>
    /// The stage's own thread: it sleeps on <see cref="_arrived"/> when nothing is queued and the first write to
    /// arrive wakes it directly. As a thread-pool continuation it waited behind every actor's queued work before it
    /// could start the next commit: 0.1–0.45 ms a wake on two busy cores, with the rows ready and every sender waiting.
    /// </summary>
    private void Run()
    {
        var batch = new List<JournalWrite>();
        var rows = new List<JournalRow>();
        var reader = _queue.Reader;
        while (true)
        {
            if (!reader.TryPeek(out _))
            {
                if (reader.Completion.IsCompleted) return;
                _arrived.Reset();
                // A write queued after this check sets the event again, so the wait below cannot miss it.
                if (!reader.TryPeek(out _) && !reader.Completion.IsCompleted) _arrived.Wait();
                continue;
            }
            // A commit that awaits I/O would block this thread meanwhile (such a journal runs the stage on the pool).
            if (TakeBatch(batch, rows, out var flush)) CommitAsync(batch, rows).GetAwaiter().GetResult();
            if (flush is not null) FlushTailAsync(flush).GetAwaiter().GetResult();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<JournalWrite>();
        var rows = new List<JournalRow>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (TakeBatch(batch, rows, out var flush)) await CommitAsync(batch, rows).ConfigureAwait(false);
            if (flush is not null) await FlushTailAsync(flush).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Everything queued, up to a transaction's rows or the next flush, into <paramref name="batch"/>; false when none
    /// of it is to be written. A flush at the head of the queue comes out alone, in <paramref name="flush"/>.
    /// </summary>
    private bool TakeBatch(List<JournalWrite> batch, List<JournalRow> rows, out JournalWrite? flush)
    {
        batch.Clear();
        rows.Clear();
        flush = null;
        var reader = _queue.Reader;
        while (rows.Count < _maxRowsPerTransaction && reader.TryPeek(out var next))
        {
            if (next.IsFlush)
            {
                // After the writes queued before it have committed: those are what it must move.
                if (batch.Count == 0 && reader.TryRead(out flush)) return false;
                break;
            }
            if (!reader.TryRead(out var write)) break;
            if (ContinuesPastFailure(write)) continue;
            batch.Add(write);
            rows.AddRange(write.Rows);
        }
        return batch.Count > 0;
    }

    private async Task FlushTailAsync(JournalWrite flush)
    {
        try
        {
            await _mergeTail(flush.Flush!, CancellationToken.None).ConfigureAwait(false);
            flush.Succeed();
        }
        catch (Exception e)
        {
            flush.Fail(e);
        }
    }

    /// <summary>
    /// After a commit: moves the tail if it is long enough. A failure here loses nothing (the rows are durable in the
    /// tail) and the next commit tries again; a flush reports it.
    /// </summary>
    private async Task MergeTailIfLongAsync()
    {
        try
        {
            await _mergeTail(TailMove.IfLong, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // See above.
        }
    }

    private async Task CommitAsync(List<JournalWrite> batch, List<JournalRow> rows)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (rows.Count > 0) await _commit(rows, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (batch.Count > 1 && _isFaultOfRows(e))
        {
            await CommitOneByOneAsync(batch).ConfigureAwait(false);
            return;
        }
        catch (Exception e)
        {
            foreach (var write in batch) Fail(write, e);
            return;
        }
        Count(rows.Count, started);
        foreach (var write in batch)
        {
            write.Succeed();
            Forget(write);
        }
        await MergeTailIfLongAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Each write of a transaction that failed for some rows, in its own transaction, in the order queued; should the
    /// database itself fail meanwhile, the writes not yet tried fail with it (each would wait for it in turn).
    /// </summary>
    private async Task CommitOneByOneAsync(List<JournalWrite> batch)
    {
        Exception? databaseFailure = null;
        foreach (var write in batch)
        {
            if (databaseFailure is not null)
            {
                Fail(write, databaseFailure);
                continue;
            }
            // Skips, and fails, a write continuing past an earlier write of its actor that failed just now.
            if (ContinuesPastFailure(write)) continue;
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (write.Rows.Count > 0) await _commit(write.Rows, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                if (!_isFaultOfRows(e)) databaseFailure = e;
                Fail(write, e);
                continue;
            }
            Count(write.Rows.Count, started);
            write.Succeed();
            Forget(write);
        }
        await MergeTailIfLongAsync().ConfigureAwait(false);
    }

    private void Fail(JournalWrite write, Exception cause)
    {
        if (write.Rows.Count > 0)
            _failedFrom[write.PersistenceId] = Math.Min(write.FirstSequenceNr, _failedFrom.GetValueOrDefault(write.PersistenceId, long.MaxValue));
        write.Fail(cause);
        Forget(write);
    }

    private static void Count(int rows, long started)
    {
        if (rows == 0) return;
        Interlocked.Increment(ref s_commits);
        Interlocked.Add(ref s_committedRows, rows);
        Interlocked.Add(ref s_writingTicks, Stopwatch.GetTimestamp() - started);
    }

    private bool ContinuesPastFailure(JournalWrite write)
    {
        if (write.Rows.Count == 0 || !_failedFrom.TryGetValue(write.PersistenceId, out var failedFrom)) return false;
        if (write.FirstSequenceNr <= failedFrom)
        {
            _failedFrom.Remove(write.PersistenceId);
            return false;
        }
        write.Fail(new InvalidOperationException(
            $"{write.PersistenceId}: sequence number {failedFrom} was not written, so {write.FirstSequenceNr} cannot follow it"));
        Forget(write);
        return true;
    }

    /// <summary>Writes what is queued, then stops; later writes are refused.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_queueing)
        {
            _closed = true;
            _queue.Writer.TryComplete();
        }
        _arrived.Set();
        await _loop.ConfigureAwait(false);
    }
}
