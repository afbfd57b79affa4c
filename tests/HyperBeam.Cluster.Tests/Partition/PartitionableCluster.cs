using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Remote;
using Akka.Remote.Transport;
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
    /// <summary>The throttler wraps the TCP transport; it renames the protocol, so seeds use the wrapped scheme.</summary>
    private const string ThrottlerHocon = "akka.remote.dot-netty.tcp.applied-adapters = [trttl]";

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
            options = options with { Seeds = [$"akka.trttl.tcp://{options.SystemName}@127.0.0.1:{ports[0]}"] };
            nodes.Add(await TestClusterNode.StartAsync(options, akka => akka
                .AddHocon(ThrottlerHocon, HoconAddMode.Prepend)
                .WithHyperBeamPostgresPersistence(connectionString)
                .WithHyperBeamShardRegion<SlotCounterEntity>("counter", SlotCounterEntity.Props, SlotCounterEntity.Extractor)));
        }
        return new PartitionableCluster(nodes);
    }

    public IActorRef RegionOf(TestClusterNode node) => node.Registry.Get<SlotCounterEntity>();

    /// <summary>Blackholes all traffic, both ways, between <paramref name="isolated"/> and every other node.</summary>
    public async Task IsolateAsync(TestClusterNode isolated)
    {
        foreach (var other in Nodes.Where(n => n != isolated))
        {
            Assert.True(await BlackholeAsync(isolated, other.Address), $"{isolated.Address} could not blackhole {other.Address}");
            Assert.True(await BlackholeAsync(other, isolated.Address), $"{other.Address} could not blackhole {isolated.Address}");
        }
    }

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

    private static Task<bool> BlackholeAsync(TestClusterNode from, Address to) =>
        ((IRemoteActorRefProvider)((ExtendedActorSystem)from.System).Provider).Transport.ManagementCommand(
            new SetThrottle(to, ThrottleTransportAdapter.Direction.Both, Blackhole.Instance));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
