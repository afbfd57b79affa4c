using Akka.Hosting;
using Akka.Persistence.Sql;
using HyperBeam.Cluster.Configuration;

namespace HyperBeam.Cluster.Hosting;

public static class PostgresPersistenceExtensions
{
    /// <summary>
    /// Journal and snapshots in PostgreSQL through Akka.Persistence.Sql (hocon/persistence-postgres.hocon): the
    /// cluster setting, where an entity recovers on whichever node it moves to. Tables are created on first use.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="providerName">linq2db's provider name; <c>PostgreSQL.15</c> fits PostgreSQL 15 and later.</param>
    public static AkkaConfigurationBuilder WithHyperBeamPostgresPersistence(this AkkaConfigurationBuilder builder, string connectionString,
        string providerName = "PostgreSQL.15")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        // Appended to the file's text, so the file's own substitutions pick these values up.
        builder.AddHocon(ClusterHocon.PostgresText + $"""

            hyperbeam.persistence.postgres.connection-string = {Quote(connectionString)}
            hyperbeam.persistence.postgres.provider-name = {Quote(providerName)}
            """, HoconAddMode.Prepend);
        builder.AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
        return builder;
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
