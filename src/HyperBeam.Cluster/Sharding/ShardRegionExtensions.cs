using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;

namespace HyperBeam.Cluster.Sharding;

public static class ShardRegionExtensions
{
    /// <summary>
    /// Starts a shard region under the project's shard policy (<see cref="HyperBeamShardOptions"/>) and registers it
    /// in the actor registry under <typeparamref name="TKey"/>. Any entity plugs in this way, e.g. the process
    /// region: <c>WithHyperBeamShardRegion&lt;ProcessRegion&gt;("process", id =&gt; ProcessEntity.Props(id, ...),
    /// new ProcessMessageExtractor())</c>.
    /// </summary>
    public static AkkaConfigurationBuilder WithHyperBeamShardRegion<TKey>(this AkkaConfigurationBuilder builder, string typeName,
        Func<string, Props> entityProps, IMessageExtractor extractor, string? role = null) =>
        builder.WithShardRegion<TKey>(typeName, entityProps, extractor, HyperBeamShardOptions.Create(role));
}
