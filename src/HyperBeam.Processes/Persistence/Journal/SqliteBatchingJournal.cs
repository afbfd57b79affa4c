using System.Data.Common;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>
/// The process journal on the node's SQLite file, every entity's writes batched into one transaction. With
/// <c>auto-initialize</c> on it creates its table itself (<see cref="SqliteJournalSchema"/>: without the two indexes
/// the plugin's own initialization would add again on every start and no query uses), before the plugin reads.
/// </summary>
public sealed class SqliteBatchingJournal(Config journalConfig) : BatchingSqlJournal(WithoutPluginInitialization(journalConfig))
{
    private readonly Config _config = journalConfig.WithFallback(SqlPersistence.DefaultJournalConfiguration);

    protected override void PreStart()
    {
        // Before the plugin starts: once started it may replay from the table at once.
        if (_config.GetBoolean("auto-initialize", false))
            SqliteJournalSchema.From(_config).Ensure(_config.GetString("connection-string", ""));
        base.PreStart();
    }

    protected override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    protected override Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) =>
        SqliteJournalFile.WaitWhileBusyAsync((SqliteConnection)connection, cancellationToken);

    private static Config WithoutPluginInitialization(Config journalConfig) =>
        ConfigurationFactory.ParseString("auto-initialize = off").WithFallback(journalConfig);
}
