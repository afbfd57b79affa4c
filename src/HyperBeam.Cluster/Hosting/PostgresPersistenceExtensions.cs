using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql;
using HyperBeam.Cluster.Configuration;
using HyperBeam.Cluster.Persistence;

namespace HyperBeam.Cluster.Hosting;

public static class PostgresPersistenceExtensions
{
    public const string ConnectionStringEnv = "HB_POSTGRES";

    public const string DefaultProviderName = "PostgreSQL.15";

    /// <summary>
    /// Journal and snapshots in PostgreSQL through Akka.Persistence.Sql (hocon/persistence-postgres.hocon): the
    /// cluster setting, where an entity recovers on whichever node it moves to. Tables are created on first use.
    /// The query journal (older schedule pages) reads the same database. Added after a SQLite setup, it wins,
    /// including the table layout (tags in their own table, as every PostgreSQL journal of the cluster has them).
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="providerName">linq2db's provider name; <c>PostgreSQL.15</c> fits PostgreSQL 15 and later.</param>
    public static AkkaConfigurationBuilder WithHyperBeamPostgresPersistence(this AkkaConfigurationBuilder builder, string connectionString,
        string providerName = DefaultProviderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        builder.AddHocon(Settings(connectionString, providerName), HoconAddMode.Prepend);
        builder.AddHocon(ClusterHocon.Postgres, HoconAddMode.Append);
        builder.AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
        return builder;
    }

    /// <summary>
    /// The whole persistence configuration on PostgreSQL, for an actor system built without the hosting builder
    /// (<c>hb bench schedule --journal postgres</c>): the same settings the builder adds, in the same order.
    /// </summary>
    public static Config Configuration(string connectionString, string providerName = DefaultProviderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        return ConfigurationFactory.ParseString(Settings(connectionString, providerName))
            .WithFallback(ClusterHocon.Postgres)
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>
    /// The journal class is named here because the SQLite defaults beneath (prepended by the processes set-up) name
    /// the SQLite batching journal: PostgreSQL gets its own (<see cref="PostgresBatchingJournal"/>).
    /// </summary>
    private static string Settings(string connectionString, string providerName) => $"""
        akka.persistence.journal.sql.class = "{typeof(PostgresBatchingJournal).AssemblyQualifiedName!.Split(", Version=")[0]}"
        akka.persistence.journal.sql {"{"} connection-string = {Quote(connectionString)}, provider-name = {Quote(providerName)} {"}"}
        akka.persistence.snapshot-store.sql {"{"} connection-string = {Quote(connectionString)}, provider-name = {Quote(providerName)} {"}"}
        akka.persistence.query.journal.sql {"{"} connection-string = {Quote(connectionString)}, provider-name = {Quote(providerName)} {"}"}
        akka.persistence.journal.sql {"{"} tag-write-mode = TagTable, parallelism = 3 {"}"}
        akka.persistence.query.journal.sql.tag-read-mode = TagTable
        """;

    /// <summary>The same, from <c>hyperbeam.persistence.postgres</c> in <paramref name="config"/>, or env <c>HB_POSTGRES</c>.</summary>
    public static AkkaConfigurationBuilder WithHyperBeamPostgresPersistence(this AkkaConfigurationBuilder builder, Config config)
    {
        var section = (config.IsEmpty ? ClusterHocon.Postgres : config.WithFallback(ClusterHocon.Postgres)).GetConfig("hyperbeam.persistence.postgres");
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringEnv) is { Length: > 0 } env ? env : section.GetString("connection-string", "");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new ClusterOptionsException("hyperbeam.persistence.postgres.connection-string", "", $"an Npgsql connection string (or env {ConnectionStringEnv})");
        return builder.WithHyperBeamPostgresPersistence(connectionString, section.GetString("provider-name", DefaultProviderName));
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
