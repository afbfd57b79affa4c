using Akka.Actor;
using HyperBeam.Cluster.Tests.Support;
using HyperBeam.Core.Wallets;
using HyperBeam.Hosting.Modules.Cluster;
using HyperBeam.Hosting.Node;
using HyperBeam.Tests.Shared;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>
/// A whole node (Kestrel on 127.0.0.1 port 0, devices, processes) clustered through its own configuration
/// (<c>hyperbeam.cluster</c>, fast timings) with its process journal in the shared test PostgreSQL database.
/// </summary>
internal sealed class ClusterHttpNode : IAsyncDisposable
{
    private readonly string _dataDir;
    private bool _disposed;

    private ClusterHttpNode(RunningNode node, string dataDir, int clusterPort)
    {
        Node = node;
        _dataDir = dataDir;
        ClusterPort = clusterPort;
        Client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    public RunningNode Node { get; }

    public HttpClient Client { get; }

    public int ClusterPort { get; }

    public ActorSystem System => Node.ActorSystem;

    public AkkaCluster Cluster => AkkaCluster.Get(System);

    /// <param name="partitionable">Remoting through the throttler adapter, so <see cref="NetworkCut"/> can cut this node off.</param>
    public static async Task<ClusterHttpNode> StartAsync(int clusterPort, int seedPort, string? extraHocon = null, bool partitionable = false)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-cluster-node-" + Guid.NewGuid().ToString("N"));
        var seed = partitionable ? NetworkCut.SeedOf("hyperbeam", seedPort) : $"127.0.0.1:{seedPort}";
        var options = LoopbackClusterNode.Options(clusterPort, seed, dataDir, TestKeyFile.Path, TestPostgres.ConnectionString,
            (partitionable ? NetworkCut.Hocon + "\n" : "") + extraHocon);
        return new ClusterHttpNode(await HyperBeamNode.StartAsync(options), dataDir, clusterPort);
    }

    /// <summary>Starts nodes on fresh ports, all seeded from the first, one after the other.</summary>
    public static async Task<List<ClusterHttpNode>> StartClusterAsync(int count, string? extraHocon = null, bool partitionable = false)
    {
        var ports = Enumerable.Range(0, count).Select(_ => FreePorts.Next()).ToArray();
        var nodes = new List<ClusterHttpNode>();
        foreach (var port in ports) nodes.Add(await StartAsync(port, ports[0], extraHocon, partitionable));
        return nodes;
    }

    /// <summary>Stops the actor system without leaving: the others must notice, down it, and take over its shards.</summary>
    public async Task CrashAsync()
    {
        ((ExtendedActorSystem)System).Abort();
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Client.Dispose();
        try
        {
            await Node.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // An aborted actor system stops its host abruptly too.
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
