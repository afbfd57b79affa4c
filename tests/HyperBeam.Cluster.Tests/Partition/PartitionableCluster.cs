using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using HyperBeam.Cluster.Hosting;
using HyperBeam.Cluster.Sharding;
using HyperBeam.Cluster.Tests.Failover;
using HyperBeam.Cluster.Tests.Support;

namespace HyperBeam.Cluster.Tests.Partition;

/// <summary>
/// Slot-counter nodes on a shared PostgreSQL journal whose remoting runs through Akka.Remote's throttler adapter,
/// so the test can cut a node off the network for real (heartbeats and gossip both ways) while its process lives on.
/// </summary>
internal sealed class PartitionableCluster : IAsyncDisposable
{
    private PartitionableCluster(List<TestClusterNode> nodes) => Nodes = nodes;

    public List<TestClusterNode> Nodes { get; }

    public static async Task<PartitionableCluster> StartAsync(int count)
    {
        var connectionString = TestPostgres.ConnectionString;
        var ports = Enumerable.Range(0, count).Select(_ => FreePorts.Next()).ToArray();
        var nodes = new List<TestClusterNode>();
        foreach (var port in ports)
        {
            var options = TestClusterNode.OptionsFor(port);
            options = options with { Seeds = [NetworkCut.SeedOf(options.SystemName, ports[0])] };
            nodes.Add(await TestClusterNode.StartAsync(options, akka => akka
                .AddHocon(NetworkCut.Hocon, HoconAddMode.Prepend)
                .WithHyperBeamPostgresPersistence(connectionString)
                .WithHyperBeamShardRegion<SlotCounterEntity>("counter", SlotCounterEntity.Props, SlotCounterEntity.Extractor)));
        }
        return new PartitionableCluster(nodes);
    }

    public IActorRef RegionOf(TestClusterNode node) => node.Registry.Get<SlotCounterEntity>();

    /// <summary>Blackholes all traffic, both ways, between <paramref name="isolated"/> and every other node.</summary>
    public Task IsolateAsync(TestClusterNode isolated) =>
        NetworkCut.IsolateAsync(isolated.System, Nodes.Where(n => n != isolated).Select(n => n.System));

    /// <summary>The nodes among <paramref name="nodes"/> whose region hosts the entity now.</summary>
    public async Task<IReadOnlyList<TestClusterNode>> HostsOfAsync(string entityId, IEnumerable<TestClusterNode> nodes)
    {
        var hosts = new List<TestClusterNode>();
        foreach (var node in nodes)
        {
            var state = await RegionOf(node).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
            if (state.Shards.Any(s => s.EntityIds.Contains(entityId))) hosts.Add(node);
        }
        return hosts;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
