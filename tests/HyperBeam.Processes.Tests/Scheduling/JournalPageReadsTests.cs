using Akka.Persistence;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Processes.Tests.Persistence;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>
/// Reads from the journal file do not wait for its writer: the snapshot store writes a compute snapshot every few
/// slots and the write stage commits all the time, and a computer reading its next page, or an entity recovering,
/// behind each of those writes (150 ms apiece, the SQLite client's pause on a busy file) waited more than it worked.
/// Rows still in the journal's tail are the exception: they are moved into the table first, under the write lock.
/// </summary>
public class JournalPageReadsTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    [Fact]
    public void A_schedule_page_is_read_from_the_journal_while_another_connection_holds_the_files_write_lock()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings(AssignmentSigning.Checkpoint) with { RecentAssignments = 10 });
        for (var i = 0; i < 40; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(40, Patience);
        // Rows in the journal table; those still in its tail wait for the lock to be moved (below).
        FlushJournalTail();

        using var writer = HoldWriteLock();
        entity.Tell(new GetSchedule(pid, 0, 19), TestActor);
        var page = ExpectMsg<SchedulePage>(Patience);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), page.Assignments.Select(Slot));
    }

    [Fact]
    public void An_entity_recovers_from_the_journal_and_its_snapshots_while_another_connection_holds_the_files_write_lock()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        // Each-signing: no checkpoint events, so the snapshots fall on fixed slots (every fifth event: slots 4 and 9).
        var settings = Settings(AssignmentSigning.Each) with { SnapshotEvery = 5 };
        var entity = CreateProcess(process, settings);
        for (var i = 0; i < 12; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(12, Patience);
        // The snapshot store's own writes (slot 9's snapshot, then the entity deleting slot 4's) finish before the lock
        // is taken: the store does one thing at a time, so a write of its own waiting on the lock would hold up the load.
        AwaitSnapshotStoreHoldsOnly(pid, slot: 9);
        Kill(entity);
        FlushJournalTail();

        using var writer = HoldWriteLock();
        var again = StartEntity(pid, settings);
        Assert.Equal(12, CurrentSlot(again, pid));
    }

    [Fact]
    public void A_schedule_page_whose_rows_are_still_in_the_journals_tail_is_read_in_full_once_the_lock_is_let_go()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, Settings(AssignmentSigning.Checkpoint) with { RecentAssignments = 10 });
        for (var i = 0; i < 40; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(40, Patience);
        Assert.True(JournalFileSql.TailRows(DatabasePath) > 0);

        // The read journal has the tail moved first, which needs the write lock.
        var writer = HoldWriteLock();
        entity.Tell(new GetSchedule(pid, 0, 19), TestActor);
        writer.Dispose();
        var page = ExpectMsg<SchedulePage>(Patience);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), page.Assignments.Select(Slot));
    }

    [Fact]
    public void A_process_whose_rows_are_all_in_the_journal_table_is_read_and_recovered_while_others_rows_wait_in_the_tail()
    {
        var settings = Settings(AssignmentSigning.Each) with { RecentAssignments = 10 };
        var process = NewProcess();
        var pid = IdOf(process);
        var entity = CreateProcess(process, settings);
        for (var i = 0; i < 30; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(30, Patience);
        Kill(entity);
        FlushJournalTail();
        var other = NewProcess();
        CreateProcess(other, settings);
        Assert.True(JournalFileSql.TailRows(DatabasePath) > 0);

        using var writer = HoldWriteLock();
        var again = StartEntity(pid, settings);
        Assert.Equal(30, CurrentSlot(again, pid));
        again.Tell(new GetSchedule(pid, 0, 9), TestActor);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), ExpectMsg<SchedulePage>(Patience).Assignments.Select(Slot));
    }

    private void AwaitSnapshotStoreHoldsOnly(string processId, long slot)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var asker = CreateTestProbe();
        SelectedSnapshot? Load(long maxSequenceNr)
        {
            store.Tell(new LoadSnapshot("process-" + processId, new SnapshotSelectionCriteria(maxSequenceNr), long.MaxValue), asker);
            return asker.ExpectMsg<LoadSnapshotResult>(Patience).Snapshot;
        }
        AwaitAssert(() =>
        {
            var latest = Load(long.MaxValue);
            Assert.Equal(slot, Assert.IsType<ScheduleSnapshot>(latest?.Snapshot).CurrentSlot);
            Assert.Null(Load(latest!.Metadata.SequenceNr - 1));
        }, Patience);
    }

    /// <summary>A writer in the middle of its transaction, as the snapshot store or the write stage is while it writes.</summary>
    private HeldWrite HoldWriteLock()
    {
        var writer = new SqliteConnection(SqliteJournalFile.ConnectionString(DatabasePath));
        writer.Open();
        var transaction = writer.BeginTransaction(deferred: false);
        using (var write = writer.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = "CREATE TABLE held_write (x INTEGER); INSERT INTO held_write VALUES (1);";
            write.ExecuteNonQuery();
        }
        return new HeldWrite(writer, transaction);
    }

    private sealed class HeldWrite(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            transaction.Rollback();
            transaction.Dispose();
            connection.Dispose();
        }
    }
}
