using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Persistence.Journal;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Processes.Tests.Scheduling;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>Process entities on the batching SQLite journal (the default): many entities, one writer, a real file.</summary>
public sealed class BatchingJournalTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Fact]
    public void Many_entities_scheduling_at_once_all_keep_gapless_chained_schedules_in_the_journal()
    {
        // Two assignments in memory: reads past them come from the journal rows the write stage wrote.
        var settings = Settings(AssignmentSigning.Checkpoint) with { RecentAssignments = 2 };
        var processes = Enumerable.Range(0, 20).Select(_ => NewProcess()).ToList();
        var entities = processes.Select(p => CreateProcess(p, settings)).ToList();
        for (var n = 0; n < 10; n++)
            for (var p = 0; p < processes.Count; p++)
                entities[p].Tell(new Schedule(IdOf(processes[p]), Note(n)), TestActor);
        var answers = ReceiveN(200, Patience).Cast<Scheduled>().ToList();
        foreach (var group in answers.GroupBy(a => a.ProcessId))
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), group.Select(a => a.Slot).Order());

        foreach (var entity in entities)
        {
            Sys.Stop(entity);
            ExpectTerminated(entity, Patience);
        }
        foreach (var process in processes)
        {
            var revived = StartEntity(IdOf(process), settings);
            var stored = ReadAll(revived, IdOf(process));
            Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), stored.Select(Slot));
            Assert.True(ScheduleVerifier.ChainMatches(stored));
        }
    }

    [Fact]
    public async Task Rows_written_here_are_read_by_akka_persistence_sql_own_journal_and_its_rows_are_read_here()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var settings = Settings(AssignmentSigning.Checkpoint);
        var entity = CreateProcess(process, settings);
        for (var i = 0; i < 5; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(5, Patience);
        Sys.Stop(entity);
        ExpectTerminated(entity, Patience);
        // The rows are in the journal's tail until it is moved (when long, when read, and at every start and stop).
        FlushJournalTail();

        // The plugin's own journal on the same file recovers what the stage wrote, and appends a slot itself.
        var plugin = ActorSystem.Create("plugin", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.persistence.journal.sql.class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
            """).WithFallback(ProcessesHocon.Sqlite(DatabasePath)));
        try
        {
            var other = plugin.ActorOf(ProcessEntity.Props(pid, settings), "process");
            Assert.Equal(5, (await other.Ask<CurrentSlot>(new GetCurrentSlot(pid), Patience)).Slot);
            Assert.Equal(6, (await other.Ask<Scheduled>(new Schedule(pid, Note(5)), Patience)).Slot);
        }
        finally
        {
            await plugin.Terminate().WaitAsync(Patience);
        }

        var revived = StartEntity(pid, settings);
        var stored = ReadAll(revived, pid);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), stored.Select(Slot));
        Assert.True(ScheduleVerifier.ChainMatches(stored));
        revived.Tell(new Schedule(pid, Note(6)), TestActor);
        Assert.Equal(7, ExpectMsg<Scheduled>(Patience).Slot);
    }

    [Fact]
    public void A_failed_journal_write_answers_every_waiting_sender_with_an_error_and_loses_no_confirmed_slot()
    {
        // Commands that reach the entity after the failure stopped it are dead letters: the node answers them too.
        Sys.ActorOf(UndeliveredCommandAnswerer.Props(), UndeliveredCommandAnswerer.Name);
        var process = NewProcess();
        var pid = IdOf(process);
        var settings = Settings(AssignmentSigning.Checkpoint);
        var entity = CreateProcess(process, settings);
        for (var i = 0; i < 3; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(3, Patience);

        // A real SQLite failure for this process's rows only: the insert (into the tail files, where commits land) aborts inside the transaction.
        JournalFileSql.RunOnTails(DatabasePath, $"CREATE TRIGGER refuse_{Math.Abs(pid.GetHashCode())} BEFORE INSERT ON journal_tail WHEN NEW.persistence_id = 'process-{pid}' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;");
        var senders = Enumerable.Range(0, 10).Select(_ => CreateTestProbe()).ToList();
        for (var i = 0; i < senders.Count; i++) entity.Tell(new Schedule(pid, Note(100 + i)), senders[i]);
        var failures = senders.Select(sender => sender.ExpectMsg<ProcessCommandFailed>(Patience)).ToList();
        Assert.All(failures, failed => Assert.Equal(503, failed.Status));
        Assert.Contains("disk on fire", failures[0].Reason);
        Assert.All(failures, failed => Assert.True(failed.Reason.Contains("disk on fire") || failed.Reason.Contains("send it again"), failed.Reason));
        ExpectTerminated(entity, Patience);

        JournalFileSql.RunOnTails(DatabasePath, $"DROP TRIGGER refuse_{Math.Abs(pid.GetHashCode())};");
        var revived = StartEntity(pid, settings);
        var stored = ReadAll(revived, pid);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => (long)i), stored.Select(Slot));
        revived.Tell(new Schedule(pid, Note(200)), TestActor);
        Assert.Equal(4, ExpectMsg<Scheduled>(Patience).Slot);
        Assert.True(ScheduleVerifier.ChainMatches(ReadAll(revived, pid)));
    }

    [Fact]
    public async Task Every_read_journal_query_sees_rows_still_in_the_journals_tail()
    {
        var settings = Settings(AssignmentSigning.Each);
        var queries = PersistenceQuery.Get(Sys).ReadJournalFor<TailFlushingReadJournal>("akka.persistence.query.journal.sql");
        var materializer = Sys.Materializer();
        // A new process: its one event (slot 0) is in the tail, which nothing has moved yet.
        string NewRowsInTheTail(Message process)
        {
            CreateProcess(process, settings);
            Assert.True(JournalFileSql.TailRows(DatabasePath) > 0);
            return "process-" + IdOf(process);
        }
        async Task<IReadOnlyList<T>> Run<T>(Source<T, NotUsed> query) => await query.RunWith(Sink.Seq<T>(), materializer).WaitAsync(Patience);

        var id = NewRowsInTheTail(NewProcess());
        Assert.Contains(id, await Run(queries.CurrentPersistenceIds()));
        id = NewRowsInTheTail(NewProcess());
        Assert.Single(await Run(queries.PersistenceIds().Where(p => p == id).Take(1)));
        id = NewRowsInTheTail(NewProcess());
        Assert.Single(await Run(queries.CurrentEventsByPersistenceId(id, 0, long.MaxValue)));
        id = NewRowsInTheTail(NewProcess());
        Assert.Single(await Run(queries.EventsByPersistenceId(id, 0, long.MaxValue).Take(1)));
        id = NewRowsInTheTail(NewProcess());
        Assert.Single(await Run(queries.CurrentAllEvents(Offset.NoOffset()).Where(e => e.PersistenceId == id)));
        id = NewRowsInTheTail(NewProcess());
        Assert.Single(await Run(queries.AllEvents(Offset.NoOffset()).Where(e => e.PersistenceId == id).Take(1)));
    }

}
