using Akka.Actor;
using Akka.Hosting;
using HyperBeam.Cluster.Configuration;
using HyperBeam.Cluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using AkkaCluster = Akka.Cluster.Cluster;

namespace HyperBeam.Cluster.Tests.Support;

/// <summary>
/// One cluster node in the test process: a Generic Host with an actor system built by <c>WithHyperBeamCluster</c>
/// on a loopback port, with fast timings. <see cref="KillAsync"/> ends it without leaving (a crash, as the others
/// see it); <see cref="LeaveAsync"/> leaves gracefully.
/// </summary>
internal sealed class TestClusterNode : IAsyncDisposable
{
    /// <summary>
    /// A terminated system must not leave the cluster on its way out (that would be a graceful leave, not a crash),
    /// and the tests log only what goes wrong.
    /// </summary>
    private const string TestHocon = """
        akka.loglevel = WARNING
        akka.coordinated-shutdown.run-by-actor-system-terminate = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    private readonly IHost _host;

    private TestClusterNode(IHost host, HyperBeamClusterOptions options)
    {
        _host = host;
        Options = options;
        System = host.Services.GetRequiredService<ActorSystem>();
        Registry = host.Services.GetRequiredService<IReadOnlyActorRegistry>();
    }

    public HyperBeamClusterOptions Options { get; }

    public ActorSystem System { get; }

    public IReadOnlyActorRegistry Registry { get; }

    public AkkaCluster Cluster => AkkaCluster.Get(System);

    public Address Address => Cluster.SelfAddress;

    public static HyperBeamClusterOptions OptionsFor(int port, params int[] seedPorts) => new HyperBeamClusterOptions
    {
        Port = port,
        Timings = ClusterTimings.Fast,
        StableAfter = TimeSpan.FromSeconds(1),
        JoinTimeout = TimeSpan.FromSeconds(60),
    }.WithSeeds(seedPorts.Select(p => $"127.0.0.1:{p}"));

    /// <param name="actorSystemName">The actor system's name when it is not the cluster's (a misconfigured node).</param>
    public static async Task<TestClusterNode> StartAsync(HyperBeamClusterOptions options, Action<AkkaConfigurationBuilder>? configure = null, Action<int>? exitCodeSink = null,
        string? actorSystemName = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAkka(actorSystemName ?? options.SystemName, akka =>
        {
            akka.AddHocon(TestHocon, HoconAddMode.Prepend);
            akka.WithHyperBeamCluster(options, exitCodeSink ?? (_ => { }));
            configure?.Invoke(akka);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TestClusterNode(host, options);
    }

    /// <summary>Starts nodes on fresh ports, all seeded from the first, and waits until each sees every one Up.</summary>
    public static async Task<IReadOnlyList<TestClusterNode>> StartClusterAsync(int count, Action<int, AkkaConfigurationBuilder>? configure = null)
    {
        var ports = Enumerable.Range(0, count).Select(_ => FreePorts.Next()).ToArray();
        var nodes = new List<TestClusterNode>();
        for (var i = 0; i < count; i++)
        {
            var index = i;
            nodes.Add(await StartAsync(OptionsFor(ports[i], ports[0]), akka => configure?.Invoke(index, akka)));
        }
        return nodes;
    }

    /// <summary>Leaves the cluster and stops, as an operator's Ctrl-C does.</summary>
    public async Task LeaveAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClusterLeavingReason.Instance);
        await DisposeAsync();
    }

    /// <summary>Stops the actor system without a word to the others: they must notice and down it.</summary>
    public async Task KillAsync()
    {
        await System.Terminate();
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
