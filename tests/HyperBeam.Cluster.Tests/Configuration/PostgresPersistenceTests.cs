using Akka.Hosting;
using HyperBeam.Cluster.Persistence;
using HyperBeam.Cluster.Hosting;
using HyperBeam.Processes.Persistence;
using HyperBeam.Cluster.Tests.Support;
using Npgsql;

namespace HyperBeam.Cluster.Tests.Configuration;

public sealed class PostgresPersistenceTests
{
    [Fact]
    public async Task The_journal_and_snapshots_go_to_PostgreSQL_through_Akka_Persistence_Sql()
    {
        const string connection = "Host=127.0.0.1;Database=x;Username=u;Password=\"p\"";
        await using var node = await TestClusterNode.StartAsync(TestClusterNode.OptionsFor(FreePorts.Next()),
            akka => akka.WithHyperBeamPostgresPersistence(connection));
        var config = node.System.Settings.Config;
        Assert.Equal("akka.persistence.journal.sql", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.sql", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal(connection, config.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal(connection, config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal(new string[0], config.GetStringList("akka.cluster.sharding.distributed-data.durable.keys"));
        Assert.Equal("ddata", config.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
    }

    [Fact]
    public async Task PostgreSQL_gets_its_own_batching_journal_over_the_SQLite_one_beneath_it()
    {
        // The processes set-up prepends the SQLite defaults first, as a node does; PostgreSQL is added after it.
        const string connection = "Host=127.0.0.1;Database=x;Username=u;Password=p";
        var database = Path.Combine(Path.GetTempPath(), "hb-pg-config-" + Guid.NewGuid().ToString("N") + ".db");
        await using var node = await TestClusterNode.StartAsync(TestClusterNode.OptionsFor(FreePorts.Next()),
            akka => akka.AddHocon(ProcessesHocon.Sqlite(database), HoconAddMode.Prepend).WithHyperBeamPostgresPersistence(connection));
        var config = node.System.Settings.Config;
        Assert.Equal(typeof(PostgresBatchingJournal), Type.GetType(config.GetString("akka.persistence.journal.sql.class"), throwOnError: true));
        Assert.Equal(connection, config.GetString("akka.persistence.journal.sql.connection-string"));
    }

    /// <summary>What the batching journal tries again write by write (only the offending actor fails) and what fails a whole commit.</summary>
    [Fact]
    public async Task A_duplicate_row_is_the_rows_fault_and_a_server_that_is_not_there_is_not()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TEMP TABLE rows_fault (id int PRIMARY KEY); INSERT INTO rows_fault VALUES (1);");
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, "INSERT INTO rows_fault VALUES (1);"));
        Assert.True(PostgresBatchingJournal.IsFaultOfRowsOnPostgres(duplicate));

        await using var nowhere = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=u;Password=p;Timeout=5");
        var unreachable = await Assert.ThrowsAnyAsync<NpgsqlException>(() => nowhere.OpenAsync());
        Assert.False(PostgresBatchingJournal.IsFaultOfRowsOnPostgres(unreachable));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
