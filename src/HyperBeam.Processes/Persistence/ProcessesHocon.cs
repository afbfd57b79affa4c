using Akka.Configuration;

namespace HyperBeam.Processes.Persistence;

/// <summary>The HOCON of process persistence: the embedded <c>hocon/persistence-sqlite.hocon</c> with a database file.</summary>
public static class ProcessesHocon
{
    private const string ResourceName = "HyperBeam.persistence-sqlite.hocon";

    /// <summary>The embedded defaults over the plugin's own reference settings (no connection string).</summary>
    public static Config SqliteDefaults { get; } =
        ConfigurationFactory.ParseString(ReadDefaults()).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);

    /// <summary>Persistence on the SQLite file at <paramref name="databasePath"/> (journal, snapshots and queries).</summary>
    public static Config Sqlite(string databasePath)
    {
        var connection = Quote(SqliteJournalFile.ConnectionString(databasePath));
        return ConfigurationFactory.ParseString($"""
            akka.persistence.journal.sql.connection-string = {connection}
            akka.persistence.snapshot-store.sql.connection-string = {connection}
            akka.persistence.query.journal.sql.connection-string = {connection}
            """).WithFallback(SqliteDefaults);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string ReadDefaults()
    {
        using var stream = typeof(ProcessesHocon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
