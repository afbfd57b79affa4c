using Akka.Persistence.Sql.Journal.Types;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>The journal's writer over a real SQLite file: how it readies its connections.</summary>
public sealed class JournalTableWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hb-writer-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "processes.db");

    [Fact]
    public async Task Every_connection_the_writer_opens_is_readied_before_its_first_transaction_also_after_a_failure()
    {
        SqliteJournalFile.EnableWriteAheadLog(DatabasePath);
        Sql("CREATE TABLE journal (ordering INTEGER PRIMARY KEY, deleted INTEGER, persistence_id TEXT, sequence_number INTEGER, created INTEGER, tags TEXT, message BLOB, identifier INTEGER, manifest TEXT, writer_uuid TEXT, UNIQUE (persistence_id, sequence_number));");
        var opened = new List<SqliteConnection>();
        var readied = new List<SqliteConnection>();
        await using var writer = new JournalTableWriter(
            () =>
            {
                var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(DatabasePath));
                opened.Add(connection);
                return connection;
            },
            new JournalTable(null, "journal", Columns(), HasTags: true, HasWriterUuid: true),
            (connection, token) =>
            {
                readied.Add((SqliteConnection)connection);
                return SqliteJournalFile.ReadyWriterAsync((SqliteConnection)connection, token);
            });

        await writer.CommitAsync([Row(1)], CancellationToken.None);
        Assert.Equal(30_000L, BusyTimeout(opened[0]));
        // A duplicate sequence number fails the transaction: the writer drops that connection and opens a new one.
        await Assert.ThrowsAsync<SqliteException>(() => writer.CommitAsync([Row(1)], CancellationToken.None));
        await writer.CommitAsync([Row(2)], CancellationToken.None);

        Assert.Equal(2, opened.Count);
        Assert.Equal(opened, readied);
        Assert.Equal(30_000L, BusyTimeout(opened[1]));
    }

    [Fact]
    public async Task A_journal_connection_lets_sqlite_wait_for_a_busy_file_rather_than_sleep_between_tries_and_checkpoints_less_often()
    {
        SqliteJournalFile.EnableWriteAheadLog(DatabasePath);
        await using var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(DatabasePath));
        await connection.OpenAsync();
        Assert.Equal(0L, BusyTimeout(connection));
        Assert.Equal(1_000L, Pragma(connection, "wal_autocheckpoint"));

        await SqliteJournalFile.ReadyWriterAsync(connection, CancellationToken.None);

        Assert.Equal((long)SqliteJournalFile.BusyTimeout.TotalMilliseconds, BusyTimeout(connection));
        Assert.Equal((long)SqliteJournalFile.WalCheckpointFrames, Pragma(connection, "wal_autocheckpoint"));
    }

    private static long BusyTimeout(SqliteConnection connection) => Pragma(connection, "busy_timeout");

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)command.ExecuteScalar()!;
    }

    private static JournalColumns Columns() => new("deleted", "persistence_id", "sequence_number", "created", "tags", "message", "identifier", "manifest", "writer_uuid");

    private static JournalRow Row(long sequenceNr) => new()
    {
        PersistenceId = "a",
        SequenceNumber = sequenceNr,
        Message = [1, 2, 3],
        Manifest = "",
        Tags = "",
    };

    private void Sql(string text) => JournalFileSql.Run(DatabasePath, text);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
