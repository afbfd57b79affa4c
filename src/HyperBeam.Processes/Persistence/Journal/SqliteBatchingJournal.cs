using System.Data.Common;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Persistence.Journal;

/// <summary>The process journal on the node's SQLite file, every entity's writes batched into one transaction.</summary>
public sealed class SqliteBatchingJournal(Config journalConfig) : BatchingSqlJournal(journalConfig)
{
    protected override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

    /// <summary>
    /// SQLite's own statement API (which also sets each connection's busy timeout): the write stage's per-row cost is
    /// what every process's commit waits on.
    /// </summary>
    protected override IJournalRowWriter CreateWriter(string connectionString, JournalTable table) =>
        new SqliteJournalTableWriter(connectionString, table);
}
