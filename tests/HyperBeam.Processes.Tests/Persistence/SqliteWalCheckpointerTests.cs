using System.Security.Cryptography;
using HyperBeam.Processes.Persistence;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Tests.Persistence;

/// <summary>The journal file's background checkpoints, on a real SQLite file written the way the journal writes it.</summary>
public sealed class SqliteWalCheckpointerTests : IDisposable
{
    private const int WalFrameBytes = 24 + 4096;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hb-checkpointer-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_folder, "processes.db");

    [Fact]
    public async Task A_pass_copies_committed_pages_into_the_database_file_which_the_writer_commits_alone_do_not()
    {
        await using var writer = await OpenWriterAsync();
        await using var checkpointer = new SqliteWalCheckpointer(SqliteJournalFile.ConnectionString(DatabasePath));
        var before = new FileInfo(DatabasePath).Length;

        for (var i = 0; i < 20; i++) Commit(writer, rows: 2);
        Assert.Equal(before, new FileInfo(DatabasePath).Length);

        await checkpointer.PassAsync();

        Assert.True(new FileInfo(DatabasePath).Length > before + 20 * 2 * 3000, "the rows' pages are in the database file");
        Assert.Equal(40, Count(writer));
    }

    [Fact]
    public async Task Under_continuous_commits_the_log_stays_within_sqlite_own_bound_while_passes_run_beside_the_writer()
    {
        await using var writer = await OpenWriterAsync();
        await using var checkpointer = new SqliteWalCheckpointer(SqliteJournalFile.ConnectionString(DatabasePath));

        // About 10 000 frames in all: ten times the 1000 at which the writer's own checkpoint lets the log restart.
        for (var i = 0; i < 2500; i++)
        {
            Commit(writer, rows: 1);
            checkpointer.Committed();
        }

        var frames = (new FileInfo(DatabasePath + "-wal").Length - 32) / WalFrameBytes;
        Assert.True(frames < 2000, $"the log grew to {frames} frames");
        Assert.Equal(2500, Count(writer));
    }

    [Fact]
    public async Task A_pass_on_a_file_it_cannot_open_is_skipped_and_the_next_one_still_runs()
    {
        await using var checkpointer = new SqliteWalCheckpointer(SqliteJournalFile.ConnectionString(Path.Combine(_folder, "missing", "processes.db")));

        await checkpointer.PassAsync();
        await checkpointer.PassAsync();

        Assert.Equal(0, checkpointer.Passes);
    }

    private async Task<SqliteConnection> OpenWriterAsync()
    {
        SqliteJournalFile.EnableWriteAheadLog(DatabasePath);
        var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(DatabasePath));
        await connection.OpenAsync();
        await SqliteJournalFile.WaitWhileBusyAsync(connection, CancellationToken.None);
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE journal (ordering INTEGER PRIMARY KEY AUTOINCREMENT, persistence_id TEXT NOT NULL, sequence_number INTEGER NOT NULL, message BLOB NOT NULL);" +
            "CREATE UNIQUE INDEX journal_uq ON journal (persistence_id, sequence_number);";
        create.ExecuteNonQuery();
        return connection;
    }

    private long _sequence;

    private void Commit(SqliteConnection connection, int rows)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO journal (persistence_id, sequence_number, message) VALUES ('p', $seq, $message)";
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        insert.Parameters.AddWithValue("$message", RandomNumberGenerator.GetBytes(3000));
        for (var i = 0; i < rows; i++)
        {
            seq.Value = ++_sequence;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM journal";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
