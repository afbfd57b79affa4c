using System.Data.Common;
using Akka.Configuration;
using HyperBeam.Processes.Persistence.Journal;
using Npgsql;

namespace HyperBeam.Cluster.Persistence;

/// <summary>
/// The process journal on the cluster's PostgreSQL, every local entity's writes batched into one transaction (one
/// round trip: the rows go as one command batch).
/// </summary>
public sealed class PostgresBatchingJournal(Config journalConfig) : BatchingSqlJournal(journalConfig)
{
    protected override DbConnection Connect(string connectionString) => new NpgsqlConnection(connectionString);
}
