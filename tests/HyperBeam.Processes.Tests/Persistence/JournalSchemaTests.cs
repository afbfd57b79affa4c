using Akka.Actor;
using Akka.Configuration;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Processes.Tests.Scheduling;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>
/// The SQLite journal's table: the plugin's columns and unique key, without the two indexes no query uses, on a new
/// file and on one the plugin created (which keeps its rows and is read and written as before).
/// </summary>
public sealed class JournalSchemaTests(ITestOutputHelper output) : SchedulingTestKit(NewDatabase(), output)
{
    private static readonly string[] KeyOnly = ["journal_uq"];

    [Fact]
    public async Task A_new_journal_file_has_the_plugins_columns_and_unique_key_but_not_the_indexes_no_query_uses()
    {
        var process = NewProcess();
        var entity = CreateProcess(process, Settings(AssignmentSigning.Checkpoint));
        entity.Tell(new Schedule(IdOf(process), Note(1)), TestActor);
        ExpectMsg<Scheduled>(Patience);

        Assert.Equal(KeyOnly, Indexes(DatabasePath));
        Assert.True(IsUnique(DatabasePath, "journal_uq"));
        Assert.Equal(["persistence_id", "sequence_number"], IndexColumns(DatabasePath, "journal_uq"));

        var pluginFile = Path.Combine(Path.GetDirectoryName(DatabasePath)!, "plugin.db");
        await WriteWithPluginJournalAsync(pluginFile, NewProcess(), 1);
        Assert.Equal(Columns(pluginFile), Columns(DatabasePath));
    }

    [Fact]
    public async Task A_file_the_plugin_created_loses_the_unused_indexes_and_its_processes_recover_read_and_go_on()
    {
        var process = NewProcess();
        var pid = IdOf(process);
        await WriteWithPluginJournalAsync(DatabasePath, process, 6);
        Assert.Equal(["journal_created_idx", "journal_sequence_number_idx", "journal_uq"], Indexes(DatabasePath));
        var columnsBefore = Columns(DatabasePath);

        // Two assignments in memory: older pages come through the read journal.
        var settings = Settings(AssignmentSigning.Checkpoint) with { RecentAssignments = 2 };
        var entity = StartEntity(pid, settings);
        Assert.Equal(6, CurrentSlot(entity, pid));
        Assert.Equal(KeyOnly, Indexes(DatabasePath));
        Assert.Equal(columnsBefore, Columns(DatabasePath));

        for (var n = 0; n < 4; n++) entity.Tell(new Schedule(pid, Note(n)), TestActor);
        Assert.Equal([7L, 8L, 9L, 10L], ReceiveN(4, Patience).Cast<Scheduled>().Select(s => s.Slot).Order());
        var stored = ReadAll(entity, pid);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), stored.Select(Slot));
        Assert.True(ScheduleVerifier.ChainMatches(stored));

        // A restart on the migrated file neither brings the indexes back nor loses a slot.
        Sys.Stop(entity);
        ExpectTerminated(entity, Patience);
        var revived = StartEntity(pid, settings);
        Assert.Equal(10, CurrentSlot(revived, pid));
        Assert.Equal(KeyOnly, Indexes(DatabasePath));
    }

    [Fact]
    public void A_duplicate_sequence_number_is_still_refused_by_the_unique_key()
    {
        var process = NewProcess();
        var entity = CreateProcess(process, Settings(AssignmentSigning.Checkpoint));
        Assert.Equal(0, CurrentSlot(entity, IdOf(process)));
        FlushJournalTail();
        Assert.True(JournalFileSql.Long(DatabasePath, "SELECT count(*) FROM journal;") >= 1);
        var error = Assert.Throws<SqliteException>(() => JournalFileSql.Run(DatabasePath,
            "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message) " +
            "SELECT created, deleted, persistence_id, sequence_number, message FROM journal LIMIT 1"));
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public void A_journal_whose_table_cannot_be_made_at_start_tries_again_and_serves_once_it_can()
    {
        // A view of that name: no table can be made under it, nor a key on it.
        JournalFileSql.Run(DatabasePath, "CREATE VIEW journal AS SELECT 1 AS x");
        var errors = CreateTestProbe();
        Sys.EventStream.Subscribe(errors.Ref, typeof(Akka.Event.Error));
        Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);
        errors.FishForMessage(m => m is Akka.Event.Error { Cause: ApplicationException { InnerException: SqliteException } }, Patience);

        JournalFileSql.Run(DatabasePath, "DROP VIEW journal");
        // The journal may have restarted and failed once more before the view went: its next try, a second on, makes
        // the table (an entity recovering before that fails, as any read of the journal does meanwhile).
        AwaitAssert(() => Assert.Equal(KeyOnly, Indexes(DatabasePath)), Patience, TimeSpan.FromMilliseconds(50));
        var process = NewProcess();
        var entity = CreateProcess(process, Settings(AssignmentSigning.Checkpoint));
        entity.Tell(new Schedule(IdOf(process), Note(1)), TestActor);
        Assert.Equal(1, ExpectMsg<Scheduled>(Patience).Slot);
    }

    /// <summary>Schedules <paramref name="slots"/> messages on <paramref name="process"/> through Akka.Persistence.Sql's own journal, auto-initialized as the plugin does.</summary>
    private static async Task WriteWithPluginJournalAsync(string databasePath, Message process, int slots)
    {
        SqliteJournalFile.EnableWriteAheadLog(databasePath);
        var pid = IdOf(process);
        var system = ActorSystem.Create("plugin", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.persistence.journal.sql.class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
            akka.persistence.journal.sql.auto-initialize = on
            """).WithFallback(ProcessesHocon.Sqlite(databasePath)));
        try
        {
            var entity = system.ActorOf(ProcessEntity.Props(pid, Settings(AssignmentSigning.Checkpoint)), "process");
            Assert.Equal(0, (await entity.Ask<Scheduled>(new Schedule(pid, process), Patience)).Slot);
            for (var n = 1; n <= slots; n++)
                Assert.Equal(n, (await entity.Ask<Scheduled>(new Schedule(pid, Note(n)), Patience)).Slot);
        }
        finally
        {
            await system.Terminate().WaitAsync(Patience);
        }
    }

    private static List<string> Indexes(string databasePath) =>
        Query(databasePath, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'journal' ORDER BY name", r => r.GetString(0));

    private static bool IsUnique(string databasePath, string index) =>
        Query(databasePath, "SELECT \"unique\" FROM pragma_index_list('journal') WHERE name = $name", r => r.GetInt64(0), ("$name", index)).Single() == 1;

    private static List<string> IndexColumns(string databasePath, string index) =>
        Query(databasePath, "SELECT name FROM pragma_index_info($name) ORDER BY seqno", r => r.GetString(0), ("$name", index));

    /// <summary>Name, declared type, not null, default and key position of each column, in order.</summary>
    private static List<string> Columns(string databasePath) =>
        Query(databasePath, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('journal') ORDER BY cid",
            r => $"{r.GetString(0)} {r.GetString(1)} {r.GetInt64(2)} {(r.IsDBNull(3) ? "-" : r.GetString(3))} {r.GetInt64(4)}");

    private static List<T> Query<T>(string databasePath, string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(databasePath));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(read(reader));
        return list;
    }
}
