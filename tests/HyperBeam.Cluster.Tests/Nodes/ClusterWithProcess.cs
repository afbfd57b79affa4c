using System.Net;
using Akka.Actor;
using Akka.Cluster.Sharding;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;
using static HyperBeam.Tests.Shared.ProcessHttp;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>
/// Whole nodes formed into one cluster with a freshly created process (through the first node), and the node whose
/// <c>process</c> region hosts it: where every failure scenario starts.
/// </summary>
internal sealed class ClusterWithProcess : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private ClusterWithProcess(List<ClusterHttpNode> nodes, ProcessHttp http, string processId, ClusterHttpNode host)
    {
        Nodes = nodes;
        Http = http;
        ProcessId = processId;
        Host = host;
    }

    public List<ClusterHttpNode> Nodes { get; }

    /// <summary>Signs the process's messages with the client wallet.</summary>
    public ProcessHttp Http { get; }

    public string ProcessId { get; }

    /// <summary>The node hosting the process right after its creation.</summary>
    public ClusterHttpNode Host { get; }

    /// <summary>Every node but <see cref="Host"/>.</summary>
    public List<ClusterHttpNode> Others => [.. Nodes.Where(n => n != Host)];

    /// <param name="partitionable">Remoting through the throttler adapter, so <see cref="Support.NetworkCut"/> can cut nodes off.</param>
    public static async Task<ClusterWithProcess> StartAsync(Wallet client, int count, bool partitionable = false)
    {
        var nodes = await ClusterHttpNode.StartClusterAsync(count, partitionable: partitionable);
        try
        {
            await ClusteredNodeTests.AllUpAsync(nodes);
            var http = new ProcessHttp(client);
            var process = http.NewProcess();
            var pid = IdOf(process);
            var (status, created) = await CreateAsync(nodes[0].Client, process);
            Assert.True(status == HttpStatusCode.OK, created.GetText("body"));
            return new ClusterWithProcess(nodes, http, pid, await HostOfAsync(nodes, pid));
        }
        catch
        {
            foreach (var node in nodes) await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>The nodes among <paramref name="nodes"/> whose <c>process</c> region hosts the process now.</summary>
    public async Task<IReadOnlyList<ClusterHttpNode>> HostsAmongAsync(IEnumerable<ClusterHttpNode> nodes)
    {
        var hosts = new List<ClusterHttpNode>();
        foreach (var node in nodes)
            if (await HostsAsync(node, ProcessId)) hosts.Add(node);
        return hosts;
    }

    /// <summary>The node whose <c>process</c> region hosts the entity, waiting while it is between nodes.</summary>
    public static async Task<ClusterHttpNode> HostOfAsync(IReadOnlyList<ClusterHttpNode> nodes, string processId)
    {
        ClusterHttpNode? host = null;
        await Eventually.AssertAsync(async () =>
        {
            host = null;
            foreach (var node in nodes)
                if (await HostsAsync(node, processId)) host = node;
            Assert.NotNull(host);
        }, Patience);
        return host!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }

    private static async Task<bool> HostsAsync(ClusterHttpNode node, string processId)
    {
        var state = await ClusterSharding.Get(node.System).ShardRegion("process")
            .Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));
        return state.Shards.Any(s => s.EntityIds.Contains(processId));
    }
}
