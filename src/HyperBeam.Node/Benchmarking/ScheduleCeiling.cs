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
/// and key) with its tail files (commits append to one, and every <see cref="SqliteJournalTail.MoveAtRows"/> rows
/// turn to the other while the full one is moved into the table on another thread, as the journal's writer does),
/// the journal's connection settings and SQLite's own
/// checkpoints, an assignment's size, persistence IDs
/// as process entities name them, the rows going to one process or to many in turn as in the checkpoint rows.
/// Nothing else: no actors, no HTTP, no signing, no serializer, no thread hops. Every commit carries one row of
/// every writer, the ideal group commit for that many senders (the node's commits reach it only when every
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

    /// <summary>How long one ceiling writes before the next takes over (see <see cref="RunAsync"/>).</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// One row per process count, each on its own file. With more than one process the writers' rows go to the
    /// processes in turn, as the bench's clients send them, so a commit's rows land in as many places of the table's
    /// unique (persistence ID, sequence number) key. The rows take turns in slices of <see cref="Slice"/> until each
    /// has written for <paramref name="duration"/>: on a shared disk whose commit latency swings by several times
    /// within a minute, their ratio is then measured under the same conditions.
    /// </summary>
    public static async Task<IReadOnlyList<(ScheduleBenchResult Result, CommitCounts Commits)>> RunAsync(string folder, int clients,
        IReadOnlyList<int> processCounts, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processCounts);
        var writers = new List<Writer>();
        try
        {
            foreach (var processes in processCounts)
                writers.Add(await Writer.OpenAsync(Path.Combine(folder, $"ceiling-{processes}.db"), clients, processes, cancellationToken));
            while (writers.Any(w => w.Elapsed < duration) && !cancellationToken.IsCancellationRequested)
                foreach (var writer in writers.Where(w => w.Elapsed < duration))
                    await writer.WriteAsync(Slice, cancellationToken);
            return writers.Select(w => (new ScheduleBenchResult(Name(clients, w.Processes), w.Rows, w.Elapsed, 0), new CommitCounts(w.Commits, w.Rows, w.Writing))).ToList();
        }
        finally
        {
            foreach (var writer in writers) await writer.DisposeAsync();
        }
    }

    /// <summary>One ceiling's files and inserts, and what it wrote so far.</summary>
    private sealed class Writer : IAsyncDisposable
    {
        private readonly SqliteJournalTailFiles _files;
        private readonly SqliteConnection[] _tails;
        private readonly SqliteCommand[] _inserts;
        private readonly int _clients;
        private readonly string[] _persistenceIds;
        private readonly long[] _sequences;
        private long _next;
        private long _inTail;
        private int _current;
        private long _turn;
        private Task _moving = Task.CompletedTask;

        private Writer(SqliteJournalTailFiles files, SqliteConnection[] tails, SqliteCommand[] inserts, int clients, int processes)
        {
            _files = files;
            _tails = tails;
            _inserts = inserts;
            _clients = clients;
            Processes = processes;
            // As in the node's rows: each process's rows follow each other in its own sequence numbers.
            _persistenceIds = Enumerable.Range(0, processes).Select(_ => "process-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))[..43]).ToArray();
            _sequences = new long[processes];
        }

        public int Processes { get; }

        public long Rows { get; private set; }

        public long Commits { get; private set; }

        public TimeSpan Elapsed { get; private set; }

        /// <summary>Time from each transaction's first insert to its commit returning, summed.</summary>
        public TimeSpan Writing { get; private set; }

        public static async Task<Writer> OpenAsync(string path, int clients, int processes, CancellationToken cancellationToken)
        {
            SqliteJournalFile.EnableWriteAheadLog(path);
            var connectionString = SqliteJournalFile.ConnectionString(path);
            JournalSchema.Ensure(connectionString);
            var files = new SqliteJournalTailFiles(connectionString, JournalSchema.Table);
            var tails = new SqliteConnection[SqliteJournalTailFiles.Count];
            var inserts = new SqliteCommand[tails.Length];
            var payload = RandomNumberGenerator.GetBytes(PayloadBytes);
            var uuid = Guid.NewGuid().ToString("N");
            for (var i = 0; i < tails.Length; i++)
            {
                tails[i] = await files.OpenAsync(i, cancellationToken);
                var insert = inserts[i] = tails[i].CreateCommand();
                insert.CommandText = "INSERT INTO journal_tail (deleted, persistence_id, sequence_number, created, tags, message, identifier, manifest, writer_uuid) " +
                    "VALUES (0, $pid, $seq, $created, '', $message, 1000, 'Assigned', $uuid)";
                insert.Parameters.Add("$pid", SqliteType.Text);
                insert.Parameters.Add("$seq", SqliteType.Integer);
                insert.Parameters.Add("$created", SqliteType.Integer);
                insert.Parameters.Add("$message", SqliteType.Blob).Value = payload;
                insert.Parameters.AddWithValue("$uuid", uuid);
            }
            return new Writer(files, tails, inserts, clients, processes);
        }

        /// <summary>Commits one row of every writer at a time for <paramref name="slice"/>.</summary>
        public async Task WriteAsync(TimeSpan slice, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < slice && !cancellationToken.IsCancellationRequested)
            {
                var insert = _inserts[_current];
                var parameters = insert.Parameters;
                // Looked up once a commit, not by name on every row: the yardstick should cost no more than it must.
                var (pid, seq, created) = (parameters["$pid"], parameters["$seq"], parameters["$created"]);
                var started = Stopwatch.GetTimestamp();
                await using (var transaction = (SqliteTransaction)await _tails[_current].BeginTransactionAsync(cancellationToken))
                {
                    insert.Transaction = transaction;
                    for (var client = 0; client < _clients; client++)
                    {
                        var process = (int)(_next++ % Processes);
                        pid.Value = _persistenceIds[process];
                        seq.Value = ++_sequences[process];
                        created.Value = DateTime.UtcNow.Ticks;
                        await insert.ExecuteNonQueryAsync(cancellationToken);
                    }
                    await transaction.CommitAsync(cancellationToken);
                }
                // As the journal's writer: the full file is moved on another thread while commits go to the other.
                if ((_inTail += _clients) >= SqliteJournalTail.MoveAtRows && _moving.IsCompleted)
                {
                    await _moving;
                    var full = _current;
                    _current = 1 - _current;
                    await using (var turn = _tails[_current].CreateCommand())
                    {
                        turn.CommandText = _files.SetTurnSql(++_turn);
                        await turn.ExecuteNonQueryAsync(cancellationToken);
                    }
                    _moving = Task.Run(() => _files.Move(full), CancellationToken.None);
                    _inTail = 0;
                }
                Writing += Stopwatch.GetElapsedTime(started);
                Rows += _clients;
                Commits++;
            }
            Elapsed += clock.Elapsed;
        }

        public async ValueTask DisposeAsync()
        {
            await _moving;
            foreach (var insert in _inserts) await insert.DisposeAsync();
            foreach (var tail in _tails) await tail.DisposeAsync();
        }
    }

    /// <summary>The node's SQLite journal table (<see cref="SqliteJournalSchema"/>), from its default settings.</summary>
    private static SqliteJournalSchema JournalSchema { get; } = SqliteJournalSchema.From(ProcessesHocon.SqliteDefaults.GetConfig("akka.persistence.journal.sql"));
}
