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
public sealed class JournalTableWriter(Func<DbConnection> connect, JournalTable table, Func<DbConnection, CancellationToken, Task>? prepare = null) : IAsyncDisposable
{
    private readonly string _insert = table.InsertSql();
    private readonly bool _hasTags = table.HasTags;
    private readonly bool _hasWriterUuid = table.HasWriterUuid;
    private DbConnection? _connection;

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
            var values = Values(row);
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = values[i];
                command.Parameters.Add(parameter);
            }
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertEachAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _insert;
        var parameters = new DbParameter[Values(rows[0]).Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }
        foreach (var row in rows)
        {
            var values = Values(row);
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i];
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The row's values in the order of <see cref="JournalTable.InsertedColumns"/>.</summary>
    private object[] Values(JournalRow row)
    {
        var values = new List<object>(9) { row.Deleted, row.PersistenceId, row.SequenceNumber, row.Timestamp };
        if (_hasTags) values.Add(row.Tags ?? "");
        values.Add(row.Message);
        values.Add(row.Identifier is { } id ? id : DBNull.Value);
        values.Add(row.Manifest);
        if (_hasWriterUuid) values.Add(row.WriterUuid is { } uuid ? uuid : DBNull.Value);
        return values.ToArray();
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is null) return;
        var connection = _connection;
        _connection = null;
        try
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (DbException)
        {
            // A connection that failed may fail to close too; it is gone either way.
        }
    }

    public ValueTask DisposeAsync() => new(DropConnectionAsync());
}
