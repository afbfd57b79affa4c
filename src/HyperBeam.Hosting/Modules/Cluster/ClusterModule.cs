using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using HyperBeam.Cluster.Configuration;
using HyperBeam.Cluster.Hosting;
using HyperBeam.Cluster.Storage;
using HyperBeam.Core.Wallets;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Node;
using HyperBeam.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperBeam.Hosting.Modules.Cluster;

/// <summary>
/// A node as a member of a cluster (<c>hyperbeam.cluster</c>, hocon/cluster.hocon): the one remoting and clustering
/// setup of the node (the processes module then adds none), keep-majority split brain resolution, the wire
/// serializers, PostgreSQL persistence when <c>hyperbeam.persistence.postgres.connection-string</c> or env
/// <c>HB_POSTGRES</c> is set (else every node keeps its processes' journal in its own SQLite file), the <c>store</c>
/// shard region over the node's local stores with the cluster store first in the node's store chain, and the
/// <see cref="IClusterDirectory"/> behind <c>/~meta@1.0/cluster</c>.
/// The actor system's name must be the cluster's <c>system-name</c> (<see cref="SystemNameFor"/>).
/// </summary>
public sealed class ClusterModule : INodeModule
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(3);

    private readonly Action<int>? _exitCodeSink;

    /// <param name="exitCodeSink">Where a node that could not join its seeds reports its exit code (default: <see cref="Environment.ExitCode"/>).</param>
    public ClusterModule(Action<int>? exitCodeSink = null)
    {
        _exitCodeSink = exitCodeSink;
    }

    /// <summary>
    /// Whether the node's configuration turns clustering on: the feature flag <c>hyperbeam.features.cluster</c>,
    /// <c>hyperbeam.cluster.enabled</c>, or a seed.
    /// </summary>
    public static bool IsEnabled(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return options.Features.Cluster || (options.AkkaConfig is { } config && HyperBeamClusterOptions.IsEnabledIn(config));
        }
        catch (ClusterOptionsException e)
        {
            throw Invalid(e);
        }
    }

    /// <summary>
    /// The actor system's name for a node built from <paramref name="options"/>: the cluster's <c>system-name</c> when
    /// clustering is on (every member must share it), else <paramref name="standalone"/>.
    /// </summary>
    public static string SystemNameFor(NodeOptions options, string standalone)
    {
        if (!IsEnabled(options)) return standalone;
        try
        {
            return HyperBeamClusterOptions.FromConfig(options.AkkaConfig ?? Config.Empty).SystemName;
        }
        catch (ClusterOptionsException e)
        {
            throw Invalid(e);
        }
    }

    public void ConfigureServices(IServiceCollection services, NodeOptions options)
    {
        services.TryAddSingleton<IClusterDirectory>(provider => new AkkaClusterDirectory(provider.GetRequiredService<ActorSystem>(), StatsTimeout));
        // Made when the actor system starts, after the node has opened its stores (the node opens before any module's
        // actors start). Shards hosted here keep their keys in this node's own stores, never in remote (gateway) ones.
        services.AddSingleton(provider =>
        {
            var configured = provider.GetRequiredService<NodeCore>().ConfiguredStore;
            return new StoreBackend(configured.WithScope(StoreScope.Local) ?? configured, ClusterOptionsOf(options).Store);
        });
    }

    /// <summary>The cluster store first in the node's chain, over the <c>store</c> region (started by then).</summary>
    public StoreChain ComposeStore(StoreChain configured, NodeOptions options, IReadOnlyActorRegistry actors) =>
        new([new ClusterStore(actors.Get<StoreRegion>(), ClusterOptionsOf(options).Store.AskTimeout), .. configured.Stores]);

    public void ConfigureAkka(AkkaConfigurationBuilder akka, NodeOptions options, Wallet wallet)
    {
        var config = options.AkkaConfig ?? Config.Empty;
        var cluster = ClusterOptionsOf(options);
        try
        {
            akka.WithHyperBeamCluster(cluster, _exitCodeSink);
            if (PostgresConfigured(config)) akka.WithHyperBeamPostgresPersistence(config);
        }
        catch (ClusterOptionsException e)
        {
            throw Invalid(e);
        }
        akka.WithHyperBeamStore(cluster.Store);
        akka.AddStartup((system, _) => system.ActorOf(ClusterMembersGauge.Props(), "cluster-members-gauge"));
    }

    private static HyperBeamClusterOptions ClusterOptionsOf(NodeOptions options)
    {
        try
        {
            return HyperBeamClusterOptions.FromConfig(options.AkkaConfig ?? Config.Empty).WithEnvironment();
        }
        catch (ClusterOptionsException e)
        {
            throw Invalid(e);
        }
    }

    private static bool PostgresConfigured(Config config) =>
        Environment.GetEnvironmentVariable(PostgresPersistenceExtensions.ConnectionStringEnv) is { Length: > 0 }
        || (!config.IsEmpty && config.GetString("hyperbeam.persistence.postgres.connection-string", "") is { Length: > 0 });

    private static NodeConfigurationException Invalid(ClusterOptionsException e) => new(e.Message);
}
