using System.Diagnostics;
using System.Security.Cryptography;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// The most a checkpoint row could reach on this machine with its number of clients: that many closed-loop writers
/// in this process, each inserting one journal-shaped row and waiting until the group commit that carries it is
/// durable, then sending the next at once. Journal-shaped: the node's journal table (Akka.Persistence.Sql's columns
/// and key), the journal's connection settings and SQLite's own checkpoints, an assignment's size, persistence IDs
/// as process entities name them, the rows going to one process or to many in turn as in the checkpoint rows. Nothing else: no actors, no HTTP, no signing, no serializer, no thread hops. Every commit carries
/// one row of every writer, the ideal group commit for that many senders (the node's commits reach it only when every
/// sender's next request arrives while the last commit is being written).
/// </summary>
public static class ScheduleCeiling
{
    /// <summary>The row's name (scripts read it); with one process, the name it had before rows for more processes came.</summary>
    public static string Name(int clients, int processes = 1) => processes == 1
        ? $"best reachable: {clients} closed-loop writers, group commit, sqlite wal"
        : $"best reachable: {clients} closed-loop writers, {processes} processes, group commit, sqlite wal";

    /// <summary>An assignment's serialized event, as the checkpoint rows write it (about 380 bytes).</summary>
    private const int PayloadBytes = 380;

    /// <summary>
    /// With more than one process the writers' rows go to the processes in turn, as the bench's clients send them, so
    /// a commit's rows land in as many places of the table's unique (persistence ID, sequence number) key.
    /// </summary>
    public static async Task<(ScheduleBenchResult Result, CommitCounts Commits)> RunAsync(string folder, int clients, int processes, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, $"ceiling-{processes}.db");
        SqliteJournalFile.EnableWriteAheadLog(path);
        await using var connection = new SqliteConnection(SqliteJournalFile.ConnectionString(path));
        await connection.OpenAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = JournalSchema.Sql();
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

        // As in the node's rows: each process's rows follow each other in its own sequence numbers.
        var pids = Enumerable.Range(0, processes).Select(_ => "process-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))[..43]).ToArray();
        var sequences = new long[processes];
        long next = 0, rows = 0, commits = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
        {
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
            {
                insert.Transaction = transaction;
                for (var client = 0; client < clients; client++)
                {
                    var process = (int)(next++ % processes);
                    pid.Value = pids[process];
                    seq.Value = ++sequences[process];
                    created.Value = DateTime.UtcNow.Ticks;
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
            }
            rows += clients;
            commits++;
        }
        return (new ScheduleBenchResult(Name(clients, processes), rows, clock.Elapsed, 0), new CommitCounts(commits, rows));
    }

    /// <summary>The node's SQLite journal table (<see cref="SqliteJournalSchema"/>), from its default settings.</summary>
    private static SqliteJournalSchema JournalSchema { get; } = SqliteJournalSchema.From(ProcessesHocon.SqliteDefaults.GetConfig("akka.persistence.journal.sql"));
}
