using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// The two files the SQLite journal's tail (<see cref="SqliteJournalTail"/>) lives in, beside the journal's own:
/// <c>processes.db-tail0</c> and <c>processes.db-tail1</c>. SQLite lets one transaction at a time write a file, so
/// while the tail was a table of the journal's file, moving it (10–30 ms for 4 096 rows) held back every process's
/// commit. Commits now go to one of these files while the rows of the other are moved into the journal's file by
/// another connection. Each file records its turn, the order the writer filled them in, so rows are moved in the
/// order written.
/// <para>
/// A move is two transactions, first the journal table's insert, then the tail's emptying: SQLite makes a transaction
/// over several files in write-ahead-log mode atomic per file only, and in the other order a crash between them would
/// lose the rows. A crash after the first leaves the rows in both; the next move of that file skips those already in
/// the table (its <c>(persistence_id, sequence_number)</c> key, <c>INSERT OR IGNORE</c>), which is the only way a row of
/// a tail can be there already, since the writer refuses every sequence number its process has.
/// </para>
/// </summary>
public sealed class SqliteJournalTailFiles
{
    /// <summary>How many tail files a journal has: one taking commits, one being moved.</summary>
    public const int Count = 2;

    /// <summary>
    /// The page cache of a connection to a tail file, in KiB (SQLite's default is 2 000). Its commits only append, so
    /// they need the pages on the table's right edge, never the thousands written before; at the default each
    /// connection would keep the last 2 MB it wrote for the life of the node.
    /// </summary>
    public const int TailCacheKib = 256;

    /// <summary>
    /// The page cache of a move's connection to the journal's file, in KiB: enough for the table's right edge and a
    /// leaf of the key per process a move touches. What a connection's cache took stays with the process's allocator
    /// after the connection closes, so a move takes no more than it needs.
    /// </summary>
    public const int MoveCacheKib = 1024;

    /// <summary>One lock per tail file, for its moves (see <see cref="Move"/>).</summary>
    private static readonly ConcurrentDictionary<string, object> MoveLocks = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly string _unpooled;
    private readonly JournalTable _table;
    private readonly string _insertSql;
    private readonly string _lastRowSql;
    private readonly string _emptySql;
    private readonly string _deleteUpToSql;
    private readonly string _turnTable;

    public SqliteJournalTailFiles(string connectionString, JournalTable table)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(table);
        _connectionString = connectionString;
        _unpooled = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _table = table;
        var journal = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(journal) || journal.Equals(":memory:", StringComparison.Ordinal))
            throw new ArgumentException("the SQLite journal needs a file: its tail lives in files beside it", nameof(connectionString));
        Paths = Enumerable.Range(0, Count).Select(i => journal + "-tail" + i).ToArray();
        _turnTable = TurnTableOf(table);
        var columns = string.Join(", ", table.InsertedColumns().Select(JournalTable.Quote));
        var tail = "tail." + JournalTable.Quote(SqliteJournalTail.Of(table).Name);
        _lastRowSql = $"SELECT max(rowid) FROM {tail};";
        _insertSql = $"INSERT OR IGNORE INTO main.{JournalTable.Quote(table.Name)} ({columns}) SELECT {columns} FROM {tail} WHERE rowid <= $last ORDER BY rowid;";
        // Without a WHERE clause SQLite empties the table by handing its pages back, rather than row by row.
        _emptySql = $"DELETE FROM {tail};";
        _deleteUpToSql = $"DELETE FROM {tail} WHERE rowid <= $last;";
    }

    /// <summary>The files, by index.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The connection string of tail file <paramref name="index"/>, the journal's otherwise.</summary>
    public string ConnectionStringOf(int index) =>
        new SqliteConnectionStringBuilder(_connectionString) { DataSource = Paths[index] }.ToString();

    /// <summary>
    /// Opens tail file <paramref name="index"/>, creating it, its table and its turn when missing, in write-ahead-log
    /// mode with the journal writer's settings.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(int index, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionStringOf(index));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqliteJournalFile.ReadyWriterAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode=WAL;\nPRAGMA cache_size = -{TailCacheKib};\n" + SqliteJournalTail.CreateSql(_table) +
                $"CREATE TABLE IF NOT EXISTS {_turnTable} (turn INTEGER NOT NULL);\n" +
                $"INSERT INTO {_turnTable} (turn) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM {_turnTable});";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The one-row table of a tail file that holds its turn (one per journal table the file serves).</summary>
    public static string TurnTableOf(JournalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return JournalTable.Quote(SqliteJournalTail.Of(table).Name + "_turn");
    }

    /// <summary>A tail file's turn (higher: filled later).</summary>
    public long TurnOf(SqliteConnection tail)
    {
        ArgumentNullException.ThrowIfNull(tail);
        using var command = tail.CreateCommand();
        command.CommandText = $"SELECT max(turn) FROM {_turnTable};";
        return command.ExecuteScalar() is long turn ? turn : 0;
    }

    /// <summary>The statement that gives an emptied tail file its next turn, before the first commit into it.</summary>
    public string SetTurnSql(long turn) => $"BEGIN IMMEDIATE; UPDATE {_turnTable} SET turn = {turn}; COMMIT;";

    /// <summary>
    /// Moves every row of tail file <paramref name="index"/> into the journal table (see the class). Only the rows there
    /// when the move began are removed from the file: a writer closing after its journal restarted may still be
    /// committing into it. Moves of one file take turns (an empty table starts its rowids again at 1, so two at once
    /// could remove rows neither moved).
    /// </summary>
    public void Move(int index)
    {
        lock (MoveLocks.GetOrAdd(Paths[index], _ => new object()))
        {
            // A move comes every few thousand rows: a pooled connection would keep its cache of what it wrote between them.
            using var connection = OpenJournal(MoveCacheKib);
            using var command = connection.CreateCommand();
            // Closing the connection rolls back what a failure left open; as it is not pooled, nothing stays attached.
            Execute(command, "ATTACH DATABASE $path AS tail;", ("$path", Paths[index]));
            Execute(command, $"PRAGMA tail.cache_size = -{TailCacheKib};");
            Execute(command, "BEGIN IMMEDIATE;");
            command.CommandText = _lastRowSql;
            if (command.ExecuteScalar() is not long last)
            {
                Execute(command, "COMMIT;");
                return;
            }
            Execute(command, _insertSql, ("$last", last));
            Execute(command, "COMMIT;");
            Execute(command, "BEGIN IMMEDIATE;");
            command.CommandText = _lastRowSql;
            Execute(command, command.ExecuteScalar() is long now && now == last ? _emptySql : _deleteUpToSql, ("$last", last));
            Execute(command, "COMMIT;");
        }
    }

    /// <summary>
    /// An open connection to the journal's file with the writer's settings and a page cache of
    /// <paramref name="cacheKib"/> KiB. Not pooled: its small cache must not go on to the plugin's reads through the
    /// pool, and what it cached goes when it closes.
    /// </summary>
    public SqliteConnection OpenJournal(int cacheKib)
    {
        var connection = new SqliteConnection(_unpooled);
        try
        {
            connection.Open();
            SqliteJournalFile.ReadyWriterAsync(connection, CancellationToken.None).GetAwaiter().GetResult();
            using var command = connection.CreateCommand();
            Execute(command, $"PRAGMA cache_size = -{cacheKib};");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteCommand command, string sql, params (string Name, object Value)[] parameters)
    {
        command.Parameters.Clear();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    /// <summary>When the journal starts: moves what a crash left in the tail files, the older turn first.</summary>
    public void MoveAll()
    {
        var turns = new (int Index, long Turn, bool HasRows)[Count];
        for (var i = 0; i < Count; i++)
        {
            using var tail = OpenAsync(i, CancellationToken.None).GetAwaiter().GetResult();
            using var command = tail.CreateCommand();
            command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {JournalTable.Quote(SqliteJournalTail.Of(_table).Name)});";
            turns[i] = (i, TurnOf(tail), (long)command.ExecuteScalar()! != 0);
        }
        foreach (var (index, _, hasRows) in turns.OrderBy(t => t.Turn).ThenBy(t => t.Index))
            if (hasRows) Move(index);
    }
}
