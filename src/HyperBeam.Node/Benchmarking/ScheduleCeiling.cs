using System.Diagnostics;
using System.Security.Cryptography;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// The most a checkpoint row could reach on this machine with its number of clients: that many closed-loop writers
/// in this process, each inserting one journal-shaped row and waiting until the group commit that carries it is
/// durable, then sending the next at once. Journal-shaped: Akka.Persistence.Sql's table and indexes, the journal's
/// connection settings and SQLite's own checkpoints, an assignment's size, every row into one process as in the
/// 1-process row. Nothing else: no actors, no HTTP, no signing, no serializer, no thread hops. Every commit carries
/// one row of every writer, the ideal group commit for that many senders (the node's commits reach it only when every
/// sender's next request arrives while the last commit is being written).
/// </summary>
public static class ScheduleCeiling
{
    /// <summary>The row's name (scripts read it).</summary>
    public static string Name(int clients) => $"best reachable: {clients} closed-loop writers, group commit, sqlite wal";

    /// <summary>An assignment's serialized event, as the checkpoint rows write it (about 380 bytes).</summary>
    private const int PayloadBytes = 380;

    public static async Task<(ScheduleBenchResult Result, CommitCounts Commits)> RunAsync(string folder, int clients, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "ceiling.db");
        SqliteJournalFile.EnableWriteAheadLog(path);
        await using var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(path));
        await connection.OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = JournalTableSql;
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }
        await SqliteJournalFile.WaitWhileBusyAsync(connection, cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO journal (deleted, persistence_id, sequence_number, created, tags, message, identifier, manifest, writer_uuid) " +
            "VALUES (0, $pid, $seq, $created, '', $message, 1000, 'Assigned', $uuid)";
        var pid = insert.Parameters.Add("$pid", SqliteType.Text);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var created = insert.Parameters.Add("$created", SqliteType.Integer);
        var message = insert.Parameters.Add("$message", SqliteType.Blob);
        insert.Parameters.AddWithValue("$uuid", Guid.NewGuid().ToString("N"));
        message.Value = RandomNumberGenerator.GetBytes(PayloadBytes);

        // One process, as in the 1-process row: its writers' rows follow each other in its sequence numbers.
        pid.Value = "/system/sharding/process/0/" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        long sequence = 0, rows = 0, commits = 0, writing = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
            {
                insert.Transaction = transaction;
                for (var client = 0; client < clients; client++)
                {
                    seq.Value = ++sequence;
                    created.Value = DateTime.UtcNow.Ticks;
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            }
            writing += Stopwatch.GetTimestamp() - started;
            rows += clients;
            commits++;
        }
        return (new ScheduleBenchResult(Name(clients), rows, clock.Elapsed, 0), new CommitCounts(commits, rows, Stopwatch.GetElapsedTime(0, writing)));
    }

    /// <summary>Akka.Persistence.Sql's SQLite journal table, as it creates it (columns, key and indexes).</summary>
    private const string JournalTableSql = """
        CREATE TABLE journal (
            ordering INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            created INTEGER NOT NULL,
            deleted Bit NOT NULL,
            persistence_id NVarChar(255) NOT NULL,
            sequence_number INTEGER NOT NULL,
            message VarBinary NOT NULL,
            tags NVarChar(100) NULL,
            manifest NVarChar(500) NULL,
            identifier INTEGER NULL,
            writer_uuid NVarChar(128) NULL);
        CREATE UNIQUE INDEX journal_uq ON journal (persistence_id, sequence_number);
        CREATE INDEX journal_created_idx ON journal (created);
        CREATE INDEX journal_sequence_number_idx ON journal (sequence_number);
        """;
}
