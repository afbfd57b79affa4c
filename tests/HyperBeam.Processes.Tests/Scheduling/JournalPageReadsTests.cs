using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>
/// Reads from the journal file do not wait for its writer: the snapshot store writes a compute snapshot every few
/// slots and the write stage commits all the time, and a computer reading its next page, or an entity recovering,
/// behind each of those writes (150 ms apiece, the SQLite client's pause on a busy file) waited more than it worked.
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
        var settings = Settings(AssignmentSigning.Checkpoint) with { SnapshotEvery = 5 };
        var entity = CreateProcess(process, settings);
        for (var i = 0; i < 12; i++) entity.Tell(new Schedule(pid, Note(i)), TestActor);
        ReceiveN(12, Patience);
        Kill(entity);

        using var writer = HoldWriteLock();
        var again = StartEntity(pid, settings);
        Assert.Equal(12, CurrentSlot(again, pid));
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
