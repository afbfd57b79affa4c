using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Hosting;

/// <summary>
/// One call that makes an Akka.Hosting actor system able to host processes: remoting and clustering (joining itself
/// when no seed is given; neither when <see cref="ProcessesOptions.ClusterManagedExternally"/>), SQLite persistence in WAL mode with the project's serializer, and the <c>process</c> shard
/// region (ddata state store, remember-entities off, idle entities passivated).
/// </summary>
public static class ProcessesAkkaSetup
{
    /// <param name="onRegion">Called once the region exists, with a gateway over it (e.g. to attach a <see cref="DeferredProcessGateway"/>).</param>
    public static AkkaConfigurationBuilder AddHyperBeamProcesses(this AkkaConfigurationBuilder builder, ProcessesOptions options,
        Action<ShardRegionProcessGateway>? onRegion = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        SqliteJournalFile.EnableWriteAheadLog(options.DatabasePath);

        builder.AddHocon(ClusterDefaults.WithFallback(ComputeSerialization.Config).WithFallback(ProcessesHocon.Sqlite(options.DatabasePath)), HoconAddMode.Prepend);
        if (!options.ClusterManagedExternally)
        {
            builder.WithRemoting(options.RemoteHost, options.RemotePort);
            builder.WithClustering(new ClusterOptions { SeedNodes = options.SeedNodes.ToArray() });
        }
        builder.WithShardRegion<ProcessRegion>(ProcessRegion.Name,
            entityId => ProcessEntity.Props(entityId, options.Entity),
            new ProcessMessageExtractor(options.MaxShards),
            new ShardOptions
            {
                StateStoreMode = StateStoreMode.DData,
                RememberEntities = false,
                ShouldPassivateIdleEntities = true,
                PassivateIdleEntityAfter = options.PassivateIdleAfter,
            });
        builder.AddStartup((system, registry) =>
        {
            if (!options.ClusterManagedExternally && options.SeedNodes.Count == 0)
            {
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            }
            onRegion?.Invoke(new ShardRegionProcessGateway(registry.Get<ProcessRegion>(), options.AskTimeout));
        });
        return builder;
    }

    /// <summary>
    /// Cluster settings that have no typed option: the provider (the node's own HOCON says local), and no durable
    /// distributed data, whose LMDB store does not load here and which remember-entities off never needs.
    /// </summary>
    private static Config ClusterDefaults { get; } = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.cluster.sharding.distributed-data.durable.keys = []
        akka.cluster.distributed-data.durable.keys = []
        akka.cluster.sharding.remember-entities = off
        """);
}
