using Akka.Configuration;
using HyperBeam.Processes.Compute;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>Akka configurations of the compute tests: in-memory persistence, or a real SQLite file.</summary>
internal static class ComputeTestConfig
{
    private const string Common = """
        akka.loglevel = INFO
        akka.actor.serialize-messages = off
        """;

    public static Config InMemory => ConfigurationFactory.ParseString(Common + """

        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """).WithFallback(ComputeSerialization.Config);

    /// <summary>Akka.Persistence.Sql on SQLite (Microsoft.Data.Sqlite), journal and snapshots in <paramref name="file"/>.</summary>
    public static Config Sqlite(string file)
    {
        var connection = $"Data Source={file}";
        return ConfigurationFactory.ParseString(Common + $$"""

            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = "{{connection}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = true
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = "{{connection}}"
                  provider-name = "SQLite.MS"
                  auto-initialize = true
                }
              }
            }
            """).WithFallback(ComputeSerialization.Config);
    }
}
