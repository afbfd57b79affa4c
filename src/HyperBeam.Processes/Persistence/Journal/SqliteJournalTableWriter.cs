using System.Runtime.InteropServices;
using System.Text;
using Akka.Persistence.Sql.Journal.Types;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// <see cref="JournalTableWriter"/>'s job on SQLite, through SQLite's own statement API: the insert, <c>BEGIN
/// IMMEDIATE</c> and <c>COMMIT</c> are prepared once per connection, and a row is bound and stepped straight away.
/// Through ADO.NET every row built a data reader, re-encoded each string and went through nine parameter objects,
/// and every transaction prepared its <c>BEGIN</c> and <c>COMMIT</c> again: on the write stage's thread, which every
/// process's commit waits on, that was about a third of a row's cost (see README, "HTTP performance"). The rows and
/// values written are the same (the same insert, the same types bound), and durability is SQLite's as before: the
/// call returns only once <c>COMMIT</c> did. A failure rolls back what the transaction wrote and drops the
/// connection, so the next call starts on a fresh one.
/// <para>
/// Rows go to the journal's tail (<see cref="SqliteJournalTail"/>), which has no key: the writer refuses a row whose
/// sequence number is not above the highest its process has, in the tail or the table, with the error SQLite's key
/// gave (<c>SQLITE_CONSTRAINT</c>), so the journal still fails only that process's write. It knows the highest of
/// every process with rows in the tail (read from the tail when it opens, kept as it commits) and asks the table's
/// key for the others. Once the tail holds <see cref="MoveAtRows"/> rows, the next <see cref="MergeTailAsync"/>
/// moves them into the table; so does one for a read that needs a row the tail holds (it knows each process's
/// lowest sequence number there), and disposing the writer.
/// </para>
/// </summary>
public sealed class SqliteJournalTableWriter(string connectionString, JournalTable table, int moveAtRows = SqliteJournalTail.MoveAtRows) : IJournalRowWriter
{
    /// <summary>Processes whose highest sequence number is kept beyond those in the tail, before that memory is cleared.</summary>
    private const int MaxKnownProcesses = 65_536;

    private readonly string _insertSql = SqliteJournalTail.Of(table).InsertSql();
    private readonly bool _hasTags = table.HasTags;
    private readonly bool _hasWriterUuid = table.HasWriterUuid;
    private readonly Utf8Cache _texts = new();
    /// <summary>The first and last sequence numbers of each process in the transaction being written.</summary>
    private readonly Dictionary<string, (long First, long Last)> _written = new(StringComparer.Ordinal);
    private Session? _session;

    /// <summary>Rows in the tail after which <see cref="MergeTailAsync"/> moves it (when not forced).</summary>
    public int MoveAtRows { get; } = moveAtRows >= 1 ? moveAtRows : throw new ArgumentOutOfRangeException(nameof(moveAtRows), moveAtRows, "at least one row");

    public async Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var session = _session ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            session.Step(session.Begin);
            _written.Clear();
            foreach (var row in rows)
            {
                // One lookup a row: the write stage's thread, which every commit waits on, runs this loop.
                ref var written = ref CollectionsMarshal.GetValueRefOrAddDefault(_written, row.PersistenceId, out var seen);
                var highest = seen ? written.Last : session.Highest(row.PersistenceId);
                if (row.SequenceNumber <= highest) throw Duplicate(row, highest);
                written = (seen ? written.First : row.SequenceNumber, row.SequenceNumber);
                Bind(session.Insert, row);
                session.Step(session.Insert);
            }
            session.Step(session.Commit);
            session.Committed(_written, rows.Count);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    /// <summary>
    /// Moves the tail into the journal table: after a commit when it holds <see cref="MoveAtRows"/> rows or more, for a
    /// read when it holds a row the read needs.
    /// </summary>
    public async Task MergeTailAsync(TailMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        if (_session is null && !move.ForRead) return;
        var session = _session ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!session.Holds(move, MoveAtRows)) return;
        try
        {
            session.MoveTail();
        }
        catch
        {
            Drop();
            throw;
        }
    }

    private static SqliteException Duplicate(JournalRow row, long highest) => new(
        $"SQLite Error 19: 'UNIQUE constraint failed: {row.PersistenceId} has sequence number {highest}, so {row.SequenceNumber} cannot be written'.",
        SqliteConstraint, SqliteConstraintUnique);

    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;

    private async Task<Session> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqliteJournalFile.ReadyWriterAsync(connection, cancellationToken).ConfigureAwait(false);
            return new Session(connection, _insertSql, table);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Binds the row's values in the order of <see cref="JournalTable.InsertedColumns"/>, as Microsoft.Data.Sqlite binds them.</summary>
    private void Bind(sqlite3_stmt insert, JournalRow row)
    {
        var i = 1;
        raw.sqlite3_bind_int64(insert, i++, row.Deleted ? 1 : 0);
        BindText(insert, i++, row.PersistenceId);
        raw.sqlite3_bind_int64(insert, i++, row.SequenceNumber);
        raw.sqlite3_bind_int64(insert, i++, row.Timestamp);
        if (_hasTags) BindText(insert, i++, row.Tags ?? "");
        // An empty span would bind NULL; the column is NOT NULL, and ADO.NET binds an empty array as a zero-length blob.
        if (row.Message.Length == 0) raw.sqlite3_bind_zeroblob(insert, i++, 0);
        else raw.sqlite3_bind_blob(insert, i++, row.Message);
        if (row.Identifier is { } id) raw.sqlite3_bind_int64(insert, i++, id);
        else raw.sqlite3_bind_null(insert, i++);
        BindText(insert, i++, row.Manifest);
        if (_hasWriterUuid)
        {
            if (row.WriterUuid is { } uuid) BindText(insert, i, uuid);
            else raw.sqlite3_bind_null(insert, i);
        }
    }

    private void BindText(sqlite3_stmt statement, int index, string value) =>
        raw.sqlite3_bind_text(statement, index, _texts.Get(value));

    private void Drop()
    {
        var session = _session;
        _session = null;
        session?.Dispose();
    }

    /// <summary>Moves the tail into the table (left there if that fails: the journal moves it when it next starts), then closes.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_session is not null) await MergeTailAsync(TailMove.All, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // The rows are durable in the tail either way.
        }
        Drop();
    }

    /// <summary>One open connection and its statements.</summary>
    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;

        private readonly string _moveSql;
        private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _lowestInTail = new(StringComparer.Ordinal);

        public Session(SqliteConnection connection, string insertSql, JournalTable table)
        {
            _connection = connection;
            _moveSql = "BEGIN IMMEDIATE;\n" + SqliteJournalTail.MoveSql(table) + "COMMIT;";
            try
            {
                Begin = Prepare("BEGIN IMMEDIATE;");
                Insert = Prepare(insertSql);
                Commit = Prepare("COMMIT;");
                HighestInJournal = Prepare(SqliteJournalTail.HighestInJournalSql(table));
                ReadTail(SqliteJournalTail.ProcessesSql(table));
            }
            catch
            {
                Begin?.Dispose();
                Insert?.Dispose();
                Commit?.Dispose();
                HighestInJournal?.Dispose();
                throw;
            }
        }

        public sqlite3_stmt Begin { get; } = null!;

        public sqlite3_stmt Insert { get; } = null!;

        public sqlite3_stmt Commit { get; } = null!;

        private sqlite3_stmt HighestInJournal { get; } = null!;

        /// <summary>Rows in the tail.</summary>
        public long TailRows { get; private set; }

        /// <summary>
        /// The highest sequence number of a process: kept for every process with rows in the tail (and others met
        /// since), read off the table's key for the rest. Only this session's connection writes the journal.
        /// </summary>
        public long Highest(string persistenceId)
        {
            if (_highest.TryGetValue(persistenceId, out var highest)) return highest;
            raw.sqlite3_bind_text(HighestInJournal, 1, persistenceId);
            try
            {
                var rc = raw.sqlite3_step(HighestInJournal);
                if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, Db);
                highest = raw.sqlite3_column_type(HighestInJournal, 0) == raw.SQLITE_NULL ? 0 : raw.sqlite3_column_int64(HighestInJournal, 0);
            }
            finally
            {
                raw.sqlite3_reset(HighestInJournal);
            }
            return _highest[persistenceId] = highest;
        }

        /// <summary>A transaction committed these processes' rows, from their first to their highest sequence numbers, into the tail.</summary>
        public void Committed(Dictionary<string, (long First, long Last)> written, int rows)
        {
            foreach (var (persistenceId, (first, last)) in written)
            {
                _highest[persistenceId] = last;
                _lowestInTail.TryAdd(persistenceId, first);
            }
            TailRows += rows;
        }

        /// <summary>Whether the tail holds what <paramref name="move"/> is for (after a commit: <paramref name="moveAtRows"/> rows).</summary>
        public bool Holds(TailMove move, int moveAtRows)
        {
            if (TailRows == 0) return false;
            if (!move.ForRead) return TailRows >= moveAtRows;
            return move.PersistenceId is not { } persistenceId
                || (_lowestInTail.TryGetValue(persistenceId, out var lowest) && lowest <= move.UpToSequenceNr);
        }

        /// <summary>Moves the tail into the table in one transaction.</summary>
        public void MoveTail()
        {
            var rc = raw.sqlite3_exec(Db, _moveSql);
            SqliteException.ThrowExceptionForRC(rc, Db);
            TailRows = 0;
            _lowestInTail.Clear();
            // No process has rows in the tail now, so forgetting what was met since only costs lookups on the key.
            if (_highest.Count > MaxKnownProcesses) _highest.Clear();
        }

        private void ReadTail(string sql)
        {
            var statement = Prepare(sql);
            try
            {
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    var persistenceId = raw.sqlite3_column_text(statement, 0).utf8_to_string();
                    _highest[persistenceId] = raw.sqlite3_column_int64(statement, 1);
                    _lowestInTail[persistenceId] = raw.sqlite3_column_int64(statement, 2);
                    TailRows += raw.sqlite3_column_int64(statement, 3);
                }
                if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, Db);
            }
            finally
            {
                statement.Dispose();
            }
        }

        private sqlite3 Db => _connection.Handle!;

        private sqlite3_stmt Prepare(string sql)
        {
            var rc = raw.sqlite3_prepare_v2(Db, sql, out var statement);
            SqliteException.ThrowExceptionForRC(rc, Db);
            return statement;
        }

        /// <summary>Runs a prepared statement that returns no rows, and readies it for its next run.</summary>
        public void Step(sqlite3_stmt statement)
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                raw.sqlite3_reset(statement);
                return;
            }
            try
            {
                SqliteException.ThrowExceptionForRC(rc, Db);
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        /// <summary>Rolls back a transaction left open (SQLite may have rolled it back already), then closes.</summary>
        public void Dispose()
        {
            try
            {
                if (_connection.Handle is { } db && raw.sqlite3_get_autocommit(db) == 0) raw.sqlite3_exec(db, "ROLLBACK;");
            }
            finally
            {
                Begin.Dispose();
                Insert.Dispose();
                Commit.Dispose();
                HighestInJournal.Dispose();
                _connection.Dispose();
            }
        }
    }

    /// <summary>
    /// The UTF-8 of the few strings every row repeats (its actor's persistence ID, the manifest, the writer's ID), so a
    /// row's strings are not encoded again; bounded, as persistence IDs come and go.
    /// </summary>
    private sealed class Utf8Cache
    {
        private const int MaxEntries = 1024;
        private readonly Dictionary<string, byte[]> _bytes = new(StringComparer.Ordinal);

        public byte[] Get(string value)
        {
            if (_bytes.TryGetValue(value, out var bytes)) return bytes;
            if (_bytes.Count >= MaxEntries) _bytes.Clear();
            return _bytes[value] = Encoding.UTF8.GetBytes(value);
        }
    }
}
