using System.Data.Common;
using Akka.Persistence.Sql.Journal.Types;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// Commits journal rows into the journal table, one transaction per call, over one connection kept open (the stage
/// calls it from one task at a time). Rows go as parameters, in one round trip where the provider batches commands.
/// A failure drops the connection, so the next call starts on a fresh one.
/// </summary>
/// <param name="connect">A new, closed connection.</param>
/// <param name="table">Where the rows go.</param>
/// <param name="prepare">Run on each connection once it is open, before its first transaction (null: nothing).</param>
public sealed class JournalTableWriter(Func<DbConnection> connect, JournalTable table, Func<DbConnection, CancellationToken, Task>? prepare = null) : IJournalRowWriter
{
    private readonly string _insert = table.InsertSql();
    private readonly bool _hasTags = table.HasTags;
    private readonly bool _hasWriterUuid = table.HasWriterUuid;
    private readonly int _columns = table.InsertedColumns().Count;
    private DbConnection? _connection;
    private (DbCommand Command, DbParameter[] Parameters)? _insertEach;

    public async Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        try
        {
            var connection = _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (connection.CanCreateBatch) await InsertBatchAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
            else await InsertEachAsync(connection, transaction, rows, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DropConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = connect();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (prepare is not null) await prepare(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InsertBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var row in rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = _insert;
            Bind(AddParameters(command.CreateParameter, command.Parameters), row);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertEachAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        // One command for the connection's life: a provider that prepares statements (SQLite) prepares the insert
        // once, not once per transaction.
        var (command, parameters) = _insertEach ??= CreateInsert(connection);
        command.Transaction = transaction;
        foreach (var row in rows)
        {
            Bind(parameters, row);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private (DbCommand, DbParameter[]) CreateInsert(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = _insert;
        return (command, AddParameters(command.CreateParameter, command.Parameters));
    }

    /// <summary>The insert's parameters <c>@p0</c>… added to <paramref name="into"/>, in column order.</summary>
    private DbParameter[] AddParameters(Func<DbParameter> create, DbParameterCollection into)
    {
        var parameters = new DbParameter[_columns];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = create();
            parameters[i].ParameterName = "@p" + i;
            into.Add(parameters[i]);
        }
        return parameters;
    }

    /// <summary>Sets the row's values in the order of <see cref="JournalTable.InsertedColumns"/>.</summary>
    private void Bind(DbParameter[] parameters, JournalRow row)
    {
        var i = 0;
        parameters[i++].Value = row.Deleted;
        parameters[i++].Value = row.PersistenceId;
        parameters[i++].Value = row.SequenceNumber;
        parameters[i++].Value = row.Timestamp;
        if (_hasTags) parameters[i++].Value = row.Tags ?? "";
        parameters[i++].Value = row.Message;
        parameters[i++].Value = row.Identifier is { } id ? id : DBNull.Value;
        parameters[i++].Value = row.Manifest;
        if (_hasWriterUuid) parameters[i].Value = row.WriterUuid is { } uuid ? uuid : DBNull.Value;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is null) return;
        var connection = _connection;
        var insert = _insertEach;
        _connection = null;
        _insertEach = null;
        try
        {
            if (insert is { } prepared) await prepared.Command.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (DbException)
        {
            // A connection that failed may fail to close too; it is gone either way.
        }
    }

    public ValueTask DisposeAsync() => new(DropConnectionAsync());
}
