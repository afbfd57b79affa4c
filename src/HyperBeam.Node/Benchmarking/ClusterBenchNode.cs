using System.Net;
using System.Net.Sockets;
using Akka.Cluster;
using HyperBeam.Hosting.Modules.Cluster;
using HyperBeam.Hosting.Node;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// One in-process clustered node of <c>hb bench cluster</c>: Kestrel on 127.0.0.1 port 0, a cluster port on
/// loopback, fast cluster timings, checkpoint signing (so RSA does not dominate), its own temporary data folder.
/// </summary>
internal sealed class ClusterBenchNode : IAsyncDisposable
{
    private readonly string _dataDir;

    private ClusterBenchNode(RunningNode node, string dataDir)
    {
        Node = node;
        _dataDir = dataDir;
        Gateway = node.Services.GetRequiredService<IProcessGateway>();
    }

    public RunningNode Node { get; }

    public IProcessGateway Gateway { get; }

    public int UpMembers => AkkaCluster.Get(Node.ActorSystem).State.Members.Count(m => m.Status == MemberStatus.Up);

    /// <summary>The PostgreSQL connection string the nodes share, when the environment names one.</summary>
    public static string? Postgres =>
        new[] { "HB_POSTGRES", "HB_TEST_POSTGRES" }.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => v is { Length: > 0 });

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ClusterBenchNode> StartAsync(int clusterPort, int seedPort, string keyFile)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-bench-cluster-" + Guid.NewGuid().ToString("N"));
        var options = LoopbackClusterNode.Options(clusterPort, $"127.0.0.1:{seedPort}", dataDir, keyFile, Postgres);
        options = options with { NodeMessage = options.NodeMessage.Set(SchedulerOptionNames.AssignmentSigning, "checkpoint") };
        return new ClusterBenchNode(await HyperBeamNode.StartAsync(options), dataDir);
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
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
