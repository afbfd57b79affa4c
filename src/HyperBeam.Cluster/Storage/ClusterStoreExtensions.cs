using Akka.Cluster.Hosting;
using Akka.Hosting;
using HyperBeam.Cluster.Configuration;
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

    /// <summary>
    /// As <see cref="WithHyperBeamStore(AkkaConfigurationBuilder, StoreBackend, string?)"/>, with the host container's
    /// <see cref="StoreBackend"/>, resolved when the actor system starts: for a backend over stores that the host opens
    /// after it configures the actor system.
    /// </summary>
    public static AkkaConfigurationBuilder WithHyperBeamStore(this AkkaConfigurationBuilder builder, StoreShardOptions options, string? role = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        builder.WithShardRegion<StoreRegion>(StoreRegion.TypeName, (_, _, resolver) =>
            {
                var backend = Backend(resolver);
                return _ => StoreShard.Props(backend);
            },
            new StoreShardExtractor(options.Shards), HyperBeamShardOptions.Create(role));
        builder.WithActors((system, registry, resolver) =>
            registry.Register<StoreReplica>(system.ActorOf(StoreReplica.Props(Backend(resolver)), StoreReplica.Name)));
        return builder;
    }

    /// <summary>The cluster store, for the node's store chain (e.g. first, before any read-only remote stores).</summary>
    public static ClusterStore ClusterStoreFrom(this IReadOnlyActorRegistry registry, StoreBackend backend) =>
        new(registry.Get<StoreRegion>(), backend.Options.AskTimeout);

    private static StoreBackend Backend(Akka.DependencyInjection.IDependencyResolver resolver) =>
        resolver.GetService<StoreBackend>() ?? throw new InvalidOperationException("no StoreBackend is registered in the host's services");
}
