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
/// </summary>
public sealed class SqliteJournalTableWriter(string connectionString, JournalTable table) : IJournalRowWriter
{
    private readonly string _insertSql = table.InsertSql();
    private readonly bool _hasTags = table.HasTags;
    private readonly bool _hasWriterUuid = table.HasWriterUuid;
    private readonly Utf8Cache _texts = new();
    private Session? _session;

    public async Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var session = _session ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            session.Step(session.Begin);
            foreach (var row in rows)
            {
                Bind(session.Insert, row);
                session.Step(session.Insert);
            }
            session.Step(session.Commit);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    private async Task<Session> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SqliteJournalFile.ReadyWriterAsync(connection, cancellationToken).ConfigureAwait(false);
            return new Session(connection, _insertSql);
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

    public ValueTask DisposeAsync()
    {
        Drop();
        return ValueTask.CompletedTask;
    }

    /// <summary>One open connection and its statements.</summary>
    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection _connection;

        public Session(SqliteConnection connection, string insertSql)
        {
            _connection = connection;
            try
            {
                Begin = Prepare("BEGIN IMMEDIATE;");
                Insert = Prepare(insertSql);
                Commit = Prepare("COMMIT;");
            }
            catch
            {
                Begin?.Dispose();
                Insert?.Dispose();
                throw;
            }
        }

        public sqlite3_stmt Begin { get; } = null!;

        public sqlite3_stmt Insert { get; } = null!;

        public sqlite3_stmt Commit { get; } = null!;

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
