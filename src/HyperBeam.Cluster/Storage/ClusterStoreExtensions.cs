using Akka.Hosting;
using HyperBeam.Cluster.Sharding;

namespace HyperBeam.Cluster.Storage;

public static class ClusterStoreExtensions
{
    /// <summary>
    /// Starts the <c>store</c> shard region over this node's <paramref name="backend"/> and the replica actor that
    /// keeps other shards' copies in the same backend. Get the <see cref="ClusterStore"/> with
    /// <see cref="ClusterStoreFrom"/> once the system runs.
    /// </summary>
    public static AkkaConfigurationBuilder WithHyperBeamStore(this AkkaConfigurationBuilder builder, StoreBackend backend, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        builder.WithHyperBeamShardRegion<StoreRegion>(StoreRegion.TypeName, _ => StoreShard.Props(backend),
            new StoreShardExtractor(backend.Options.Shards), role);
        builder.WithActors((system, registry) =>
            registry.Register<StoreReplica>(system.ActorOf(StoreReplica.Props(backend), StoreReplica.Name)));
        return builder;
    }

    /// <summary>The cluster store, for the node's store chain (e.g. first, before any read-only remote stores).</summary>
    public static ClusterStore ClusterStoreFrom(this IReadOnlyActorRegistry registry, StoreBackend backend) =>
        new(registry.Get<StoreRegion>(), backend.Options.AskTimeout);
}
