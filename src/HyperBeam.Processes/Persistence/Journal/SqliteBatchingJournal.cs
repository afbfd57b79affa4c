using System.Data.Common;
using Akka.Configuration;
using Akka.Persistence.Sql.Journal.Types;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// The process journal on the node's SQLite file, every entity's writes batched into one transaction, and the log's
/// pages copied into the file by a <see cref="SqliteWalCheckpointer"/> beside the writer rather than by the writer.
/// </summary>
public sealed class SqliteBatchingJournal(Config journalConfig) : BatchingSqlJournal(journalConfig)
{
    private readonly SqliteWalCheckpointer _checkpointer = new(journalConfig.GetString("connection-string", ""));

    protected override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    protected override Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) =>
        SqliteJournalFile.WaitWhileBusyAsync((SqliteConnection)connection, cancellationToken);

    protected override async Task CommitAsync(IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        await base.CommitAsync(rows, cancellationToken).ConfigureAwait(false);
        _checkpointer.Committed();
    }

    protected override void PostStop()
    {
        base.PostStop();
        // A commit still draining after this finds the checkpointer stopped, which is harmless: the writer's own
        // checkpoint bounds the log.
        _ = _checkpointer.DisposeAsync().AsTask();
    }
}
