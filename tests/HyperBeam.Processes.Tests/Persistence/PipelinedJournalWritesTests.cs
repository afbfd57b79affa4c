using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.TestKit;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Processes.Tests.Scheduling;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>
/// More than one batch of an actor in flight on the batching journal: held commits (a <see cref="GatedSqliteJournal"/>)
/// show what the actor may send and hear while its earlier rows are not yet durable, over a real SQLite file.
/// </summary>
public sealed class PipelinedJournalWritesTests : SchedulingTestKit
{
    private readonly JournalGate _gate;

    public PipelinedJournalWritesTests(ITestOutputHelper output) : this(GatedSqliteJournal.Create(maxWritesInFlight: 4), output)
    {
    }

    private PipelinedJournalWritesTests((JournalGate Gate, Config Config) gated, ITestOutputHelper output)
        : base(NewDatabase(), output, gated.Config) => _gate = gated.Gate;

    [Fact]
    public async Task The_journal_takes_an_actors_next_batch_while_the_last_is_being_committed_and_confirms_each_only_after_its_commit()
    {
        var journal = await WarmJournalAsync();
        var actor = CreateTestProbe();
        journal.Tell(Batch(actor, "p-1", 1, 2), actor);
        await _gate.Commit.Started(2).WaitAsync(Patience);
        actor.ExpectMsg<WriteMessagesSuccessful>(Patience);
        journal.Tell(Batch(actor, "p-1", 3, 1), actor);
        actor.ExpectMsg<WriteMessagesSuccessful>(Patience);
        Assert.False(actor.HasMessages);

        _gate.Commit.Release(2);
        Assert.Equal([1L, 2L], [Confirmed(actor), Confirmed(actor)]);
        await _gate.Commit.Started(3).WaitAsync(Patience);
        Assert.False(actor.HasMessages);
        _gate.Commit.Release(3);
        Assert.Equal(3L, Confirmed(actor));
        Assert.True(_gate.Commit.Finished(3));
    }

    [Fact]
    public async Task An_actor_with_the_most_writes_in_flight_may_send_the_next_only_once_one_of_them_committed()
    {
        var journal = await WarmJournalAsync();
        var actor = CreateTestProbe();
        journal.Tell(Batch(actor, "p-1", 1, 1), actor);
        await _gate.Commit.Started(2).WaitAsync(Patience);
        for (var sequenceNr = 1; sequenceNr <= 3; sequenceNr++)
        {
            if (sequenceNr > 1) journal.Tell(Batch(actor, "p-1", sequenceNr, 1), actor);
            actor.ExpectMsg<WriteMessagesSuccessful>(Patience);
        }
        // The fourth fills the limit of four: the actor may send no fifth until one of the four committed.
        journal.Tell(Batch(actor, "p-1", 4, 1), actor);

        _gate.Commit.Release(2);
        Assert.Equal(1L, Confirmed(actor));
        actor.ExpectMsg<WriteMessagesSuccessful>(Patience);
        _gate.Commit.OpenForGood();
        Assert.Equal([2L, 3L, 4L], [Confirmed(actor), Confirmed(actor), Confirmed(actor)]);
    }

    [Fact]
    public async Task An_entity_hands_in_its_next_batch_while_the_last_is_committed_and_each_sender_hears_only_after_its_own_commit()
    {
        var (entity, pid, settings) = await CreateHeldProcessAsync();
        var (first, second) = await HandInTwoBatchesAsync(entity, pid);
        Assert.False(first.HasMessages);
        Assert.False(second.HasMessages);

        _gate.Commit.Release(3);
        Assert.Equal(1, first.ExpectMsg<Scheduled>(Patience).Slot);
        await _gate.Commit.Started(4).WaitAsync(Patience);
        Assert.Equal(1, CurrentSlot(entity, pid));
        Assert.False(second.HasMessages);
        _gate.Commit.Release(4);
        Assert.Equal(2, second.ExpectMsg<Scheduled>(Patience).Slot);

        _gate.Commit.OpenForGood();
        Sys.Stop(entity);
        ExpectTerminated(entity, Patience);
        var stored = ReadAll(StartEntity(pid, settings), pid);
        Assert.Equal([0L, 1L, 2L], stored.Select(Slot));
        Assert.True(ScheduleVerifier.ChainMatches(stored));
    }

    [Fact]
    public async Task A_failed_commit_fails_the_batches_of_the_entity_queued_behind_it_and_leaves_no_gap()
    {
        var (entity, pid, settings) = await CreateHeldProcessAsync();
        var (first, second) = await HandInTwoBatchesAsync(entity, pid);

        _gate.Commit.Fail(3, new InvalidOperationException("disk on fire"));
        foreach (var sender in new[] { first, second })
        {
            var failed = sender.ExpectMsg<ProcessCommandFailed>(Patience);
            Assert.Equal(503, failed.Status);
        }
        ExpectTerminated(entity, Patience);

        _gate.Commit.OpenForGood();
        var revived = StartEntity(pid, settings);
        Assert.Equal([0L], ReadAll(revived, pid).Select(Slot));
        revived.Tell(new Schedule(pid, Note(3)), TestActor);
        Assert.Equal(1, ExpectMsg<Scheduled>(Patience).Slot);
        var stored = ReadAll(revived, pid);
        Assert.Equal([0L, 1L], stored.Select(Slot));
        Assert.True(ScheduleVerifier.ChainMatches(stored));
    }

    [Fact]
    public async Task Rows_sqlite_refuses_for_one_entity_fail_that_entity_alone_not_the_others_in_its_commit()
    {
        var journal = await WarmJournalAsync();
        var processes = new[] { NewProcess(), NewProcess() };
        var pids = processes.Select(IdOf).ToArray();
        var settings = Settings(AssignmentSigning.Each);
        var entities = new List<IActorRef>();
        for (var i = 0; i < 2; i++)
        {
            entities.Add(StartEntity(pids[i], settings));
            entities[i].Tell(new Schedule(pids[i], processes[i]), TestActor);
            await _gate.Commit.Started(2 + i).WaitAsync(Patience);
            _gate.Commit.Release(2 + i);
            Assert.Equal(0, ExpectMsg<Scheduled>(Patience).Slot);
        }
        // Commit 4 is held while both entities hand in their next rows, so both go into commit 5.
        var hold = CreateTestProbe();
        journal.Tell(Batch(hold, "hold", 1, 1), hold);
        await _gate.Commit.Started(4).WaitAsync(Patience);
        JournalFileSql.Run(DatabasePath, $"CREATE TRIGGER refuse BEFORE INSERT ON journal WHEN NEW.persistence_id = 'process-{pids[0]}' " +
            "BEGIN SELECT RAISE(ABORT, 'rows of a refused process'); END;");
        var (refused, accepted) = (CreateTestProbe(), CreateTestProbe());
        var received = _gate.WritesReceivedSoFar;
        entities[0].Tell(new Schedule(pids[0], Note(1)), refused);
        entities[1].Tell(new Schedule(pids[1], Note(1)), accepted);
        await _gate.WritesReceived(received + 2).WaitAsync(Patience);
        _gate.Commit.OpenForGood();

        Assert.Equal(1, accepted.ExpectMsg<Scheduled>(Patience).Slot);
        var failed = refused.ExpectMsg<ProcessCommandFailed>(Patience);
        Assert.Equal(503, failed.Status);
        Assert.Contains("rows of a refused process", failed.Reason);
        ExpectTerminated(entities[0], Patience);
        Assert.Equal(1, CurrentSlot(entities[1], pids[1]));
        Assert.Equal(
            new[] { "process-" + pids[0], "process-" + pids[1] }.Order(),
            _gate.Commit.Transactions[4].Select(r => r.PersistenceId).Distinct().Order());
    }

    /// <summary>The journal after one released write (its tables made): commit 1 is spent, the next is commit 2.</summary>
    private async Task<IActorRef> WarmJournalAsync()
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);
        var warm = CreateTestProbe();
        journal.Tell(Batch(warm, "warm", 1, 1), warm);
        await _gate.Commit.Started(1).WaitAsync(Patience);
        _gate.Commit.Release(1);
        warm.ExpectMsg<WriteMessagesSuccessful>(Patience);
        warm.ExpectMsg<WriteMessageSuccess>(Patience);
        return journal;
    }

    /// <summary>
    /// A process entity whose slot 0 was written (commit 1 held, then released) and whose next write is commit 2,
    /// released as well; each-signing, so no checkpoint write comes in between.
    /// </summary>
    private async Task<(IActorRef Entity, string ProcessId, ProcessEntitySettings Settings)> CreateHeldProcessAsync()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var settings = Settings(AssignmentSigning.Each);
        var entity = StartEntity(pid, settings);
        entity.Tell(new Schedule(pid, process), TestActor);
        await _gate.Commit.Started(1).WaitAsync(Patience);
        _gate.Commit.Release(1);
        Assert.Equal(0, ExpectMsg<Scheduled>(Patience).Slot);
        // A warm-up write of another actor takes commit 2, so the entity's next rows are commit 3.
        var warm = CreateTestProbe();
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null).Tell(Batch(warm, "warm", 1, 1), warm);
        await _gate.Commit.Started(2).WaitAsync(Patience);
        _gate.Commit.Release(2);
        warm.ExpectMsg<WriteMessagesSuccessful>(Patience);
        warm.ExpectMsg<WriteMessageSuccess>(Patience);
        return (entity, pid, settings);
    }

    /// <summary>
    /// A schedule whose rows are in commit 3, held, and a second one sent after it: returns once the entity has handed
    /// the second batch to the journal (with one write in flight it never would while commit 3 is held).
    /// </summary>
    private async Task<(TestProbe First, TestProbe Second)> HandInTwoBatchesAsync(IActorRef entity, string pid)
    {
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        entity.Tell(new Schedule(pid, Note(1)), first);
        await _gate.Commit.Started(3).WaitAsync(Patience);
        var received = _gate.WritesReceivedSoFar;
        entity.Tell(new Schedule(pid, Note(2)), second);
        await _gate.WritesReceived(received + 1).WaitAsync(Patience);
        return (first, second);
    }

    private static WriteMessages Batch(TestProbe actor, string persistenceId, long firstSequenceNr, int count) =>
        new([new AtomicWrite(Enumerable.Range(0, count)
                .Select(i => (IPersistentRepresentation)new Persistent($"event {firstSequenceNr + i}", firstSequenceNr + i, persistenceId))
                .ToImmutableList())],
            actor.Ref, 1);

    private static long Confirmed(TestProbe actor) => actor.ExpectMsg<WriteMessageSuccess>(Patience).Persistent.SequenceNr;
}
