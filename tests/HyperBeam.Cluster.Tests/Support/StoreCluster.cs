using HyperBeam.Cluster.Configuration;
using HyperBeam.Cluster.Storage;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Tests.Support;

/// <summary>Nodes that each run the <c>store</c> region over their own in-memory backend, and each node's cluster store.</summary>
internal sealed class StoreCluster : IAsyncDisposable
{
    public static readonly StoreShardOptions ShardOptions = new() { Shards = 16, AskTimeout = TimeSpan.FromSeconds(5) };

    private StoreCluster(List<TestClusterNode> nodes, List<MemoryStore> backends)
    {
        Nodes = nodes;
        Backends = backends;
    }

    public List<TestClusterNode> Nodes { get; }

    /// <summary>Each node's local backend, to see where copies landed.</summary>
    public List<MemoryStore> Backends { get; }

    public static async Task<StoreCluster> StartAsync(int count)
    {
        var backends = Enumerable.Range(0, count).Select(_ => new MemoryStore()).ToList();
        var nodes = await TestClusterNode.StartClusterAsync(count, (i, akka) =>
            akka.WithHyperBeamStore(new StoreBackend(backends[i], ShardOptions)));
        return new StoreCluster([.. nodes], backends);
    }

    public ClusterStore StoreOf(TestClusterNode node) => node.Registry.ClusterStoreFrom(new StoreBackend(new MemoryStore(), ShardOptions));

    public ClusterStore StoreAt(int index) => StoreOf(Nodes[index]);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
