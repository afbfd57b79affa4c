using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>
/// Schedule pages read back from the journal do not wait for the file's writer: the snapshot store writes a compute
/// snapshot every few slots, and a computer reading its next page behind each of those writes (150 ms apiece, the
/// SQLite client's pause on a busy file) waited more than it computed.
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

        // A writer in the middle of its transaction, as the snapshot store is while it saves a snapshot.
        using var writer = new SqliteConnection(SqliteJournalFile.ConnectionString(DatabasePath));
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);
        using (var write = writer.CreateCommand())
        {
            write.Transaction = transaction;
            write.CommandText = "CREATE TABLE held_write (x INTEGER); INSERT INTO held_write VALUES (1);";
            write.ExecuteNonQuery();
        }

        entity.Tell(new GetSchedule(pid, 0, 19), TestActor);
        var page = ExpectMsg<SchedulePage>(Patience);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), page.Assignments.Select(Slot));
        transaction.Rollback();
    }
}
