using Akka.Persistence.Sql.Journal.Types;
using HyperBeam.Processes.Persistence.Journal;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>The write stage alone, over a commit that the test holds and releases (no database, no timing).</summary>
public sealed class JournalWriteStageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly GatedCommit _commit = new();
    private JournalWriteStage _stage = null!;

    public Task InitializeAsync()
    {
        _stage = new JournalWriteStage(_commit.CommitAsync, maxRowsPerTransaction: 100, maxQueuedWrites: 100, isFaultOfRows: e => e is RowsRefused);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _commit.OpenForGood();
        await _stage.DisposeAsync();
    }

    [Fact]
    public async Task Writes_queued_while_a_transaction_runs_commit_together_in_the_order_they_were_queued()
    {
        var first = _stage.WriteAsync(Write("a", 1, 1));
        await _commit.Started(1).WaitAsync(Patience);
        var queued = new[] { Write("b", 1, 2), Write("a", 2, 3), Write("c", 1, 1), Write("b", 3, 1) };
        var done = queued.Select(_stage.WriteAsync).ToList();

        _commit.Release(1);
        await first.WaitAsync(Patience);
        await _commit.Started(2).WaitAsync(Patience);
        _commit.Release(2);
        await Task.WhenAll(done).WaitAsync(Patience);

        Assert.Equal(2, _commit.Transactions.Count);
        Assert.Equal(
            ["b:1", "b:2", "a:2", "a:3", "a:4", "c:1", "b:3"],
            _commit.Transactions[1].Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"));
    }

    [Fact]
    public async Task A_waiter_is_answered_only_after_its_transaction_committed()
    {
        var write = _stage.WriteAsync(Write("a", 1, 3));
        await _commit.Started(1).WaitAsync(Patience);
        Assert.False(write.IsCompleted);

        _commit.Release(1);
        await write.WaitAsync(Patience);
        Assert.True(_commit.Finished(1));
    }

    [Fact]
    public async Task A_failed_transaction_fails_every_write_in_it_and_commits_none_of_their_rows()
    {
        var queued = await QueueWhileTheFirstCommitsAsync(Write("a", 2, 2), Write("b", 1, 1), Write("c", 5, 1));
        _commit.Fail(2, new InvalidOperationException("disk on fire"));
        foreach (var write in queued)
            Assert.Equal("disk on fire", (await Assert.ThrowsAsync<InvalidOperationException>(() => write.WaitAsync(Patience))).Message);
        Assert.Single(_commit.Committed);
        // The database failed, not some rows: nothing is tried again.
        Assert.Equal(2, _commit.Transactions.Count);
    }

    [Fact]
    public async Task A_transaction_failed_by_one_actors_rows_is_tried_again_write_by_write_and_fails_only_that_actors_writes()
    {
        var queued = await QueueWhileTheFirstCommitsAsync(Write("a", 2, 2), Write("b", 1, 1), Write("a", 4, 1), Write("c", 5, 1));
        _commit.Fail(2, new RowsRefused());
        // Alone, a's rows fail again; its next write continues past them, so it fails without a transaction of its own.
        await _commit.Started(3).WaitAsync(Patience);
        _commit.Fail(3, new RowsRefused());
        _commit.OpenForGood();

        await Assert.ThrowsAsync<RowsRefused>(() => queued[0].WaitAsync(Patience));
        await queued[1].WaitAsync(Patience);
        Assert.Contains("cannot follow", (await Assert.ThrowsAsync<InvalidOperationException>(() => queued[2].WaitAsync(Patience))).Message);
        await queued[3].WaitAsync(Patience);
        Assert.Equal(
            ["a:1", "b:1", "c:5"],
            _commit.Committed.SelectMany(t => t).Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"));
        Assert.Equal(["a:2", "a:3", "b:1", "a:4", "c:5"], _commit.Transactions[1].Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"));
        Assert.Equal(5, _commit.Transactions.Count);
    }

    [Fact]
    public async Task A_database_failure_while_writes_are_tried_one_by_one_fails_those_not_yet_tried_without_trying_them()
    {
        var queued = await QueueWhileTheFirstCommitsAsync(Write("a", 2, 1), Write("b", 1, 1), Write("c", 1, 1));
        _commit.Fail(2, new RowsRefused());
        await _commit.Started(3).WaitAsync(Patience);
        _commit.Release(3);
        await _commit.Started(4).WaitAsync(Patience);
        _commit.Fail(4, new InvalidOperationException("disk on fire"));

        await queued[0].WaitAsync(Patience);
        foreach (var write in queued.Skip(1))
            Assert.Equal("disk on fire", (await Assert.ThrowsAsync<InvalidOperationException>(() => write.WaitAsync(Patience))).Message);
        Assert.Equal(4, _commit.Transactions.Count);
    }

    [Fact]
    public async Task A_later_write_that_continues_past_failed_rows_fails_rather_than_leave_a_gap()
    {
        var hold = _stage.WriteAsync(Write("x", 1, 1));
        await _commit.Started(1).WaitAsync(Patience);
        var failing = _stage.WriteAsync(Write("a", 5, 3));
        _commit.Release(1);
        await hold.WaitAsync(Patience);
        await _commit.Started(2).WaitAsync(Patience);
        // Queued while a:5..7 is being written, as an entity's next batch is.
        var continuing = _stage.WriteAsync(Write("a", 8, 2));
        var other = _stage.WriteAsync(Write("b", 1, 1));
        _commit.Fail(2, new InvalidOperationException("disk on fire"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));
        await _commit.Started(3).WaitAsync(Patience);
        _commit.Release(3);
        await other.WaitAsync(Patience);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => continuing.WaitAsync(Patience));
        Assert.Contains("a: sequence number 5 was not written", refused.Message);
        Assert.DoesNotContain(_commit.Committed.SelectMany(t => t), r => r.PersistenceId == "a");
    }

    [Fact]
    public async Task A_write_of_a_recovered_actor_starting_at_or_below_the_failed_rows_is_written()
    {
        var failing = _stage.WriteAsync(Write("a", 5, 3));
        await _commit.Started(1).WaitAsync(Patience);
        _commit.Fail(1, new InvalidOperationException("disk on fire"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(Patience));

        var recovered = _stage.WriteAsync(Write("a", 5, 1));
        await _commit.Started(2).WaitAsync(Patience);
        _commit.Release(2);
        await recovered.WaitAsync(Patience);
        var next = _stage.WriteAsync(Write("a", 6, 1));
        await _commit.Started(3).WaitAsync(Patience);
        _commit.Release(3);
        await next.WaitAsync(Patience);
        Assert.Equal(["a:5", "a:6"], _commit.Committed.SelectMany(t => t).Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Transactions_run_on_the_stage_s_own_thread_unless_the_journal_awaits_its_commits_on_the_thread_pool(bool ownThread)
    {
        var onThreadPool = new List<bool>();
        await using var stage = new JournalWriteStage((_, _) =>
        {
            lock (onThreadPool) onThreadPool.Add(Thread.CurrentThread.IsThreadPoolThread);
            return Task.CompletedTask;
        }, maxRowsPerTransaction: 100, maxQueuedWrites: 100, ownThread);

        await stage.WriteAsync(Write("a", 1, 1)).WaitAsync(Patience);
        await stage.WriteAsync(Write("a", 2, 2)).WaitAsync(Patience);

        // Own thread: queued thread-pool work cannot hold a commit back.
        Assert.Equal([!ownThread, !ownThread], onThreadPool);
    }

    [Fact]
    public async Task Rows_beyond_the_transaction_limit_wait_for_the_next_transaction_and_a_write_is_never_split()
    {
        await using var stage = new JournalWriteStage(_commit.CommitAsync, maxRowsPerTransaction: 3, maxQueuedWrites: 100);
        var hold = stage.WriteAsync(Write("x", 1, 1));
        await _commit.Started(1).WaitAsync(Patience);
        var writes = new[] { Write("a", 1, 2), Write("b", 1, 2), Write("c", 1, 1) }.Select(stage.WriteAsync).ToList();
        _commit.Release(1);
        await hold.WaitAsync(Patience);
        await _commit.Started(2).WaitAsync(Patience);
        _commit.Release(2);
        await _commit.Started(3).WaitAsync(Patience);
        _commit.Release(3);
        await Task.WhenAll(writes).WaitAsync(Patience);

        // a (2 rows) + b (2 rows) passes the limit of 3 only by finishing b's write; c waits.
        Assert.Equal(["a:1", "a:2", "b:1", "b:2"], _commit.Transactions[1].Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"));
        Assert.Equal(["c:1"], _commit.Transactions[2].Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"));
    }

    [Fact]
    public async Task A_write_beyond_the_queue_limit_is_refused_at_once()
    {
        await using var stage = new JournalWriteStage(_commit.CommitAsync, maxRowsPerTransaction: 100, maxQueuedWrites: 1);
        var hold = stage.WriteAsync(Write("x", 1, 1));
        await _commit.Started(1).WaitAsync(Patience);
        var queued = stage.WriteAsync(Write("a", 1, 1));
        var refused = stage.WriteAsync(Write("b", 1, 1));

        Assert.Contains("queue is full", (await Assert.ThrowsAsync<InvalidOperationException>(() => refused.WaitAsync(Patience))).Message);
        _commit.OpenForGood();
        await Task.WhenAll(hold, queued).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_write_refused_for_a_full_queue_fails_only_after_the_actors_earlier_writes_and_later_ones_may_not_continue_past_it()
    {
        await using var stage = new JournalWriteStage(_commit.CommitAsync, maxRowsPerTransaction: 100, maxQueuedWrites: 2);
        var hold = stage.WriteAsync(Write("x", 1, 1));
        await _commit.Started(1).WaitAsync(Patience);
        var earlier = stage.WriteAsync(Write("a", 1, 1));
        var other = stage.WriteAsync(Write("b", 1, 1));
        var refused = stage.WriteAsync(Write("a", 2, 1));
        // a:1 may still commit: the actor must hear of it before it hears that a:2 failed.
        Assert.False(refused.IsCompleted);

        _commit.OpenForGood();
        await Task.WhenAll(hold, earlier, other).WaitAsync(Patience);
        Assert.Contains("queue is full", (await Assert.ThrowsAsync<InvalidOperationException>(() => refused.WaitAsync(Patience))).Message);
        var continuing = stage.WriteAsync(Write("a", 3, 1));
        Assert.Contains("a: sequence number 2 was not written", (await Assert.ThrowsAsync<InvalidOperationException>(() => continuing.WaitAsync(Patience))).Message);
        await stage.WriteAsync(Write("a", 2, 1)).WaitAsync(Patience);
        Assert.Equal(["a:1", "a:2"], _commit.Committed.SelectMany(t => t).Where(r => r.PersistenceId == "a").Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"));
    }

    [Fact]
    public async Task A_write_whose_later_events_were_rejected_lets_no_later_write_continue_past_them()
    {
        _commit.OpenForGood();
        await _stage.WriteAsync(Write("a", 1, 2, gapFrom: 3)).WaitAsync(Patience);
        var continuing = _stage.WriteAsync(Write("a", 4, 1));
        Assert.Contains("a: sequence number 3 was not written", (await Assert.ThrowsAsync<InvalidOperationException>(() => continuing.WaitAsync(Patience))).Message);
        await _stage.WriteAsync(Write("a", 3, 1)).WaitAsync(Patience);
        Assert.Equal(["a:1", "a:2", "a:3"], _commit.Committed.SelectMany(t => t).Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"));
    }

    [Fact]
    public async Task Writes_settle_in_the_order_they_were_queued_before_their_waiters_resume()
    {
        var settled = new List<string>();
        var hold = _stage.WriteAsync(Write("x", 1, 1, settled: e => settled.Add("x:1")));
        await _commit.Started(1).WaitAsync(Patience);
        var writes = new[] { ("a", 1L), ("b", 1L), ("a", 2L) }
            .Select(w => _stage.WriteAsync(Write(w.Item1, w.Item2, 1, settled: e => settled.Add($"{w.Item1}:{w.Item2}")))).ToList();
        _commit.OpenForGood();
        await Task.WhenAll(writes.Append(hold)).WaitAsync(Patience);
        Assert.Equal(["x:1", "a:1", "b:1", "a:2"], settled);
    }

    [Fact]
    public async Task Disposing_writes_what_is_queued_and_refuses_what_comes_after()
    {
        var hold = _stage.WriteAsync(Write("x", 1, 1));
        await _commit.Started(1).WaitAsync(Patience);
        var queued = _stage.WriteAsync(Write("a", 1, 1));
        var disposing = _stage.DisposeAsync().AsTask();
        var late = _stage.WriteAsync(Write("b", 1, 1));
        _commit.OpenForGood();
        await disposing.WaitAsync(Patience);

        await Task.WhenAll(hold, queued).WaitAsync(Patience);
        Assert.Contains("stopping", (await Assert.ThrowsAsync<InvalidOperationException>(() => late.WaitAsync(Patience))).Message);
    }

    [Fact]
    public async Task A_flush_moves_the_tail_after_the_writes_queued_before_it_committed_and_a_commit_lets_the_writer_move_a_long_one()
    {
        var merges = new List<string>();
        await _stage.DisposeAsync();
        _stage = new JournalWriteStage(_commit.CommitAsync, maxRowsPerTransaction: 100, maxQueuedWrites: 100, mergeTail: (move, _) =>
        {
            lock (merges) merges.Add(move.ForRead ? $"flush after {_commit.Committed.Count}" : $"if long after {_commit.Committed.Count}");
            return Task.CompletedTask;
        });
        var hold = _stage.WriteAsync(Write("x", 1, 1));
        await _commit.Started(1).WaitAsync(Patience);
        var before = _stage.WriteAsync(Write("a", 1, 2));
        var flush = _stage.FlushAsync();
        var after = _stage.WriteAsync(Write("b", 1, 1));
        Assert.False(flush.IsCompleted);

        _commit.OpenForGood();
        await Task.WhenAll(hold, before, flush, after).WaitAsync(Patience);
        // x:1 alone, then a's rows (not b's: they were queued after the flush, so they commit after it).
        Assert.Equal(["x:1", "a:1 a:2", "b:1"], _commit.Committed.Select(t => string.Join(" ", t.Select(r => $"{r.PersistenceId}:{r.SequenceNumber}"))));
        lock (merges) Assert.Equal(["if long after 1", "if long after 2", "flush after 2", "if long after 3"], merges);
    }

    [Fact]
    public async Task A_failed_move_fails_the_flush_but_no_write()
    {
        await _stage.DisposeAsync();
        _stage = new JournalWriteStage(_commit.CommitAsync, maxRowsPerTransaction: 100, maxQueuedWrites: 100,
            mergeTail: (_, _) => Task.FromException(new InvalidOperationException("disk on fire")));
        _commit.OpenForGood();
        await _stage.WriteAsync(Write("a", 1, 1)).WaitAsync(Patience);
        Assert.Equal("disk on fire", (await Assert.ThrowsAsync<InvalidOperationException>(() => _stage.FlushAsync().WaitAsync(Patience))).Message);
        await _stage.WriteAsync(Write("a", 2, 1)).WaitAsync(Patience);
        Assert.Equal(2, _commit.Committed.Count);
    }

    /// <summary>Queues <paramref name="writes"/> while a:1 commits alone (commit 1); returns once commit 2, theirs, has started.</summary>
    private async Task<List<Task>> QueueWhileTheFirstCommitsAsync(params JournalWrite[] writes)
    {
        var first = _stage.WriteAsync(Write("a", 1, 1));
        await _commit.Started(1).WaitAsync(Patience);
        var queued = writes.Select(_stage.WriteAsync).ToList();
        _commit.Release(1);
        await first.WaitAsync(Patience);
        await _commit.Started(2).WaitAsync(Patience);
        return queued;
    }

    /// <summary>A failure the stage is told is the rows' fault (a constraint they break), not the database's.</summary>
    private sealed class RowsRefused() : Exception("rows refused");

    private static JournalWrite Write(string persistenceId, long firstSequenceNr, int count, long? gapFrom = null, Action<Exception?>? settled = null) =>
        new(persistenceId, Enumerable.Range(0, count).Select(i => new JournalRow
        {
            PersistenceId = persistenceId,
            SequenceNumber = firstSequenceNr + i,
            Message = [1, 2, 3],
        }).ToList(), gapFrom, settled);
}
