using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Hosting;

/// <summary>
/// One call that makes an Akka.Hosting actor system able to host processes: SQLite persistence in WAL mode with the
/// project's serializer, and the <c>process</c> shard region (ddata state store, remember-entities off, idle entities
/// passivated), registered in the <see cref="ActorRegistry"/> as <see cref="ProcessRegion"/>, and the
/// <see cref="UndeliveredCommandAnswerer"/> that answers commands an entity left unread when it stopped. Sharding needs cluster
/// membership, which this does not set up: the cluster set-up does (HyperBeam.Cluster's <c>WithHyperBeamCluster</c>,
/// for a single node one that joins itself).
/// </summary>
public static class ProcessesAkkaSetup
{
    public static AkkaConfigurationBuilder AddHyperBeamProcesses(this AkkaConfigurationBuilder builder, ProcessesOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        SqliteJournalFile.EnableWriteAheadLog(options.DatabasePath);

        builder.AddHocon(ClusterDefaults.WithFallback(ComputeSerialization.Config).WithFallback(ProcessesHocon.Sqlite(options.DatabasePath)), HoconAddMode.Prepend);
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
        builder.WithActors((system, _) => system.ActorOf(UndeliveredCommandAnswerer.Props(), UndeliveredCommandAnswerer.Name));
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
