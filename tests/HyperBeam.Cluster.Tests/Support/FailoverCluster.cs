using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using HyperBeam.Cluster.Hosting;
using HyperBeam.Cluster.Sharding;

namespace HyperBeam.Cluster.Tests.Support;

/// <summary>
/// Nodes that share one PostgreSQL journal and run one shard region of persistent entities: the harness for
/// "the node hosting an entity dies and the entity resumes elsewhere". Entity-agnostic: give it the entity's Props
/// factory and extractor (the slot counter here; ProcessEntity with ProcessMessageExtractor in the node).
/// </summary>
internal sealed class FailoverCluster<TRegion> : IAsyncDisposable
{
    private FailoverCluster(List<TestClusterNode> nodes) => Nodes = nodes;

    public List<TestClusterNode> Nodes { get; }

    public static async Task<FailoverCluster<TRegion>> StartAsync(int count, string typeName, Func<string, Props> entityProps, IMessageExtractor extractor)
    {
        var connectionString = TestPostgres.ConnectionString;
        var nodes = await TestClusterNode.StartClusterAsync(count, (_, akka) => akka
            .WithHyperBeamPostgresPersistence(connectionString)
            .WithHyperBeamShardRegion<TRegion>(typeName, entityProps, extractor));
        return new FailoverCluster<TRegion>([.. nodes]);
    }

    public IActorRef RegionOf(TestClusterNode node) => node.Registry.Get<TRegion>();

    /// <summary>The node whose region hosts the entity now, or null while it is between nodes.</summary>
    public async Task<TestClusterNode?> HostOfAsync(string entityId)
    {
        foreach (var node in Nodes)
        {
            var state = await RegionOf(node).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            if (state.Shards.Any(s => s.EntityIds.Contains(entityId))) return node;
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
