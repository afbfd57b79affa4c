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
/// connections, so the next call starts on fresh ones.
/// <para>
/// Rows go to the journal's tail (<see cref="SqliteJournalTail"/>), which has no key: the writer refuses a row whose
/// sequence number is not above the highest its process has, in the tail or the table, with the error SQLite's key
/// gave (<c>SQLITE_CONSTRAINT</c>), so the journal still fails only that process's write. It knows the highest of
/// every process with rows in the tail (read from the tail when it opens, kept as it commits) and asks the table's
/// key for the others.
/// </para>
/// <para>
/// The tail is two files (<see cref="SqliteJournalTailFiles"/>). Once the one taking commits holds
/// <see cref="MoveAtRows"/> rows and the other is empty, the commits turn to the other and the full one is moved into
/// the table on another thread, so no commit waits for a move. A read that needs a row the tail holds (the writer knows
/// each process's lowest sequence number in each file) waits for any move under way and has the rest moved before it
/// reads, as does disposing the writer.
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
    private readonly SqliteJournalTailFiles _files = new(connectionString, table);
    /// <summary>The first and last sequence numbers of each process in the transaction being written.</summary>
    private readonly Dictionary<string, (long First, long Last)> _written = new(StringComparer.Ordinal);
    private Session? _session;
    /// <summary>The move of a tail file under way on another thread, and which file (-1: none since the last look).</summary>
    private Task _moving = Task.CompletedTask;
    private int _movingIndex = -1;

    /// <summary>Rows in the tail file taking commits after which <see cref="MergeTailAsync"/> moves it (when not forced).</summary>
    public int MoveAtRows { get; } = moveAtRows >= 1 ? moveAtRows : throw new ArgumentOutOfRangeException(nameof(moveAtRows), moveAtRows, "at least one row");

    /// <summary>Completes once no move of a tail file is under way (for tests: a move after a commit runs on its own).</summary>
    public Task Moving => _moving;

    public async Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var session = _session ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        var tail = session.Current;
        try
        {
            session.Step(tail.Begin);
            _written.Clear();
            foreach (var row in rows)
            {
                // One lookup a row: the write stage's thread, which every commit waits on, runs this loop.
                ref var written = ref CollectionsMarshal.GetValueRefOrAddDefault(_written, row.PersistenceId, out var seen);
                var highest = seen ? written.Last : session.Highest(row.PersistenceId);
                if (row.SequenceNumber <= highest) throw Duplicate(row, highest);
                written = (seen ? written.First : row.SequenceNumber, row.SequenceNumber);
                Bind(tail.Insert, row);
                session.Step(tail.Insert);
            }
            session.Step(tail.Commit);
            session.Committed(_written, rows.Count);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    /// <summary>
    /// After a commit, once the tail file taking commits holds <see cref="MoveAtRows"/> rows or more: turns the commits
    /// to the other file and starts moving this one on another thread. For a read, when the tail holds a row the read
    /// needs: returns once every such row is in the table.
    /// </summary>
    public async Task MergeTailAsync(TailMove move, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(move);
        if (_session is null && !move.ForRead) return;
        var session = _session ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        Settle(session);
        if (!move.ForRead)
        {
            if (!_moving.IsCompleted) return;
            // A move that failed is tried again before the commits turn to its file.
            if (session.Other.Rows > 0) StartMove(session.OtherIndex);
            else if (session.Current.Rows >= MoveAtRows) Turn(session);
            return;
        }
        if (!session.Holds(move)) return;
        await WaitForMoveAsync().ConfigureAwait(false);
        Settle(session);
        try
        {
            if (session.Other.Rows > 0) MoveNow(session, session.OtherIndex);
            if (session.Holds(move))
            {
                var full = session.CurrentIndex;
                session.TurnToOther();
                MoveNow(session, full);
            }
        }
        catch
        {
            Drop();
            throw;
        }
    }

    private void Turn(Session session)
    {
        var full = session.CurrentIndex;
        try
        {
            session.TurnToOther();
        }
        catch
        {
            Drop();
            throw;
        }
        StartMove(full);
    }

    private void StartMove(int index)
    {
        _movingIndex = index;
        _moving = Task.Run(() => _files.Move(index));
    }

    private void MoveNow(Session session, int index)
    {
        _files.Move(index);
        session.Emptied(index);
    }

    /// <summary>Takes note of a move that ended: its file is empty, or, had it failed, still holds its rows.</summary>
    private void Settle(Session session)
    {
        if (_movingIndex < 0 || !_moving.IsCompleted) return;
        if (_moving.IsCompletedSuccessfully) session.Emptied(_movingIndex);
        // Observed here, so a failed move is not reported again as an unobserved exception; it is tried again.
        else _ = _moving.Exception;
        _movingIndex = -1;
    }

    private async Task WaitForMoveAsync()
    {
        try
        {
            await _moving.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Its rows are still in its file, which is moved again before anything needs them.
        }
    }

    private static SqliteException Duplicate(JournalRow row, long highest) => new(
        $"SQLite Error 19: 'UNIQUE constraint failed: {row.PersistenceId} has sequence number {highest}, so {row.SequenceNumber} cannot be written'.",
        SqliteConstraint, SqliteConstraintUnique);

    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;

    private async Task<Session> OpenAsync(CancellationToken cancellationToken)
    {
        // What the files hold is read afresh below, so a move still under way must end first.
        await WaitForMoveAsync().ConfigureAwait(false);
        _movingIndex = -1;
        var connections = new List<SqliteConnection>();
        try
        {
            // This connection only looks up a process's highest sequence number on the key: a small cache will do.
            var journal = _files.OpenJournal(SqliteJournalTailFiles.TailCacheKib);
            connections.Add(journal);
            for (var i = 0; i < SqliteJournalTailFiles.Count; i++)
                connections.Add(await _files.OpenAsync(i, cancellationToken).ConfigureAwait(false));
            return new Session(journal, connections.Skip(1).ToArray(), _files, _insertSql, table);
        }
        catch
        {
            foreach (var connection in connections) await connection.DisposeAsync().ConfigureAwait(false);
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

    /// <summary>
    /// Moves the tail into the table, the older file first (left there if that fails: the journal moves it when it
    /// next starts), then closes. It does not turn the files: a journal restarted meanwhile has a writer of its own.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await WaitForMoveAsync().ConfigureAwait(false);
        if (_session is { } session)
        {
            Settle(session);
            try
            {
                if (session.Other.Rows > 0) MoveNow(session, session.OtherIndex);
                if (session.Current.Rows > 0) MoveNow(session, session.CurrentIndex);
            }
            catch (SqliteException)
            {
                // The rows are durable in the tail either way.
            }
        }
        Drop();
    }

    /// <summary>One tail file's connection, its statements and what it holds.</summary>
    private sealed class TailFile : IDisposable
    {
        public TailFile(SqliteConnection connection, SqliteJournalTailFiles files, string insertSql, JournalTable table)
        {
            Connection = connection;
            try
            {
                Begin = Session.Prepare(Db, "BEGIN IMMEDIATE;");
                Insert = Session.Prepare(Db, insertSql);
                Commit = Session.Prepare(Db, "COMMIT;");
                Turn = files.TurnOf(connection);
                ReadProcesses(SqliteJournalTail.ProcessesSql(table));
            }
            catch
            {
                Begin?.Dispose();
                Insert?.Dispose();
                Commit?.Dispose();
                throw;
            }
        }

        public SqliteConnection Connection { get; }

        public sqlite3 Db => Connection.Handle!;

        public sqlite3_stmt Begin { get; } = null!;

        public sqlite3_stmt Insert { get; } = null!;

        public sqlite3_stmt Commit { get; } = null!;

        /// <summary>The order the writer filled the files in.</summary>
        public long Turn { get; set; }

        public long Rows { get; set; }

        /// <summary>The highest sequence number of each process in this file (read when it opens).</summary>
        public Dictionary<string, long> HighestRead { get; } = new(StringComparer.Ordinal);

        /// <summary>The lowest sequence number of each process in this file.</summary>
        public Dictionary<string, long> Lowest { get; } = new(StringComparer.Ordinal);

        private void ReadProcesses(string sql)
        {
            var statement = Session.Prepare(Db, sql);
            try
            {
                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    var persistenceId = raw.sqlite3_column_text(statement, 0).utf8_to_string();
                    HighestRead[persistenceId] = raw.sqlite3_column_int64(statement, 1);
                    Lowest[persistenceId] = raw.sqlite3_column_int64(statement, 2);
                    Rows += raw.sqlite3_column_int64(statement, 3);
                }
                if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, Db);
            }
            finally
            {
                statement.Dispose();
            }
        }

        /// <summary>Rolls back a transaction left open (SQLite may have rolled it back already), then closes.</summary>
        public void Dispose()
        {
            try
            {
                if (Connection.Handle is { } db && raw.sqlite3_get_autocommit(db) == 0) raw.sqlite3_exec(db, "ROLLBACK;");
            }
            finally
            {
                Begin.Dispose();
                Insert.Dispose();
                Commit.Dispose();
                Connection.Dispose();
            }
        }
    }

    /// <summary>The open connections: the journal's file (for the table's key) and each tail file.</summary>
    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection _journal;
        private readonly TailFile[] _tails;
        private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);
        private readonly sqlite3_stmt _highestInJournal;
        private readonly SqliteJournalTailFiles _files;

        public Session(SqliteConnection journal, SqliteConnection[] tails, SqliteJournalTailFiles files, string insertSql, JournalTable table)
        {
            _journal = journal;
            _files = files;
            var opened = new List<TailFile>();
            try
            {
                foreach (var tail in tails) opened.Add(new TailFile(tail, files, insertSql, table));
                _highestInJournal = Prepare(journal.Handle!, SqliteJournalTail.HighestInJournalSql(table));
            }
            catch
            {
                foreach (var tail in opened) tail.Dispose();
                foreach (var tail in tails.Skip(opened.Count)) tail.Dispose();
                journal.Dispose();
                throw;
            }
            _tails = [.. opened];
            // Commits go on in the file filled last; the other, if it holds rows, is older and moved first.
            CurrentIndex = _tails[1].Turn > _tails[0].Turn ? 1 : 0;
            foreach (var tail in _tails.OrderBy(t => t.Turn))
                foreach (var (persistenceId, highest) in tail.HighestRead)
                    _highest[persistenceId] = highest;
        }

        public int CurrentIndex { get; private set; }

        public TailFile Current => _tails[CurrentIndex];

        public int OtherIndex => 1 - CurrentIndex;

        public TailFile Other => _tails[OtherIndex];

        /// <summary>
        /// The highest sequence number of a process: kept for every process with rows in the tail (and others met
        /// since), read off the table's key for the rest. Only this session's connections write the journal's rows.
        /// </summary>
        public long Highest(string persistenceId)
        {
            if (_highest.TryGetValue(persistenceId, out var highest)) return highest;
            raw.sqlite3_bind_text(_highestInJournal, 1, persistenceId);
            try
            {
                var rc = raw.sqlite3_step(_highestInJournal);
                if (rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _journal.Handle!);
                highest = raw.sqlite3_column_type(_highestInJournal, 0) == raw.SQLITE_NULL ? 0 : raw.sqlite3_column_int64(_highestInJournal, 0);
            }
            finally
            {
                raw.sqlite3_reset(_highestInJournal);
            }
            return _highest[persistenceId] = highest;
        }

        /// <summary>A transaction committed these processes' rows, from their first to their highest sequence numbers, into the current file.</summary>
        public void Committed(Dictionary<string, (long First, long Last)> written, int rows)
        {
            var tail = Current;
            foreach (var (persistenceId, (first, last)) in written)
            {
                _highest[persistenceId] = last;
                tail.Lowest.TryAdd(persistenceId, first);
            }
            tail.Rows += rows;
        }

        /// <summary>Whether the tail holds a row the read <paramref name="move"/> is for.</summary>
        public bool Holds(TailMove move)
        {
            foreach (var tail in _tails)
            {
                if (tail.Rows == 0) continue;
                if (move.PersistenceId is not { } persistenceId) return true;
                if (tail.Lowest.TryGetValue(persistenceId, out var lowest) && lowest <= move.UpToSequenceNr) return true;
            }
            return false;
        }

        /// <summary>Commits go to the other file (empty) from now on, its turn after this one's.</summary>
        public void TurnToOther()
        {
            var next = Other;
            var turn = Current.Turn + 1;
            var rc = raw.sqlite3_exec(next.Db, _files.SetTurnSql(turn));
            SqliteException.ThrowExceptionForRC(rc, next.Db);
            next.Turn = turn;
            CurrentIndex = OtherIndex;
        }

        /// <summary>Tail file <paramref name="index"/> was moved into the table.</summary>
        public void Emptied(int index)
        {
            var tail = _tails[index];
            tail.Rows = 0;
            tail.Lowest.Clear();
            tail.HighestRead.Clear();
            // Forgetting processes with no rows in the tail only costs lookups on the key.
            if (_highest.Count <= MaxKnownProcesses) return;
            foreach (var persistenceId in _highest.Keys.ToList())
                if (!_tails.Any(t => t.Lowest.ContainsKey(persistenceId))) _highest.Remove(persistenceId);
        }

        public static sqlite3_stmt Prepare(sqlite3 db, string sql)
        {
            var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
            SqliteException.ThrowExceptionForRC(rc, db);
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
                SqliteException.ThrowExceptionForRC(rc, Current.Db);
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }
        }

        public void Dispose()
        {
            foreach (var tail in _tails) tail.Dispose();
            _highestInJournal.Dispose();
            _journal.Dispose();
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
