using Akka.Hosting;
using HyperBeam.Cluster.Configuration;
using HyperBeam.Cluster.Hosting;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Devices;
using HyperBeam.Hosting.Modules.Observability;
using HyperBeam.Hosting.Node;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Devices.Cron;
using HyperBeam.Processes.Hosting;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Storage.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperBeam.Hosting.Modules.Processes;

/// <summary>
/// Processes in a node: the event-sourced scheduler behind the <c>process</c> shard region, compute children with
/// the execution devices the node loads (lua@5.3a, wasm-64@1.0), and the devices that reach them (scheduler@1.0,
/// process@1.0, push@1.0, cron@1.0) plus the stack devices dedup@1.0 and patch@1.0: the
/// <see cref="DeviceSupplier.Processes"/> rows of <see cref="NodeDeviceTable"/>, made with this module's gateway.
/// The compute side is made lazily: a process computes only after the node has started, when the final device
/// registry and the message cache exist. A node outside a cluster is a cluster of one (it joins itself through the
/// same <c>WithHyperBeamCluster</c> as a clustered node), because the <c>process</c> shard region needs a member.
/// </summary>
public sealed class ProcessesModule : INodeModule
{
    private readonly bool _clusterManagedExternally;
    private ComputeSettings? _compute;
    private AssignmentSigner? _signer;
    private ProcessesOptions? _processes;
    private int _computeSnapshotEvery;
    private TimeSpan _computeSnapshotSpacing = ComputeSettings.DefaultMinSnapshotSpacing;

    /// <param name="clusterManagedExternally">
    /// The cluster module sets up remoting and membership; otherwise this module makes the node a cluster of one.
    /// </param>
    public ProcessesModule(bool clusterManagedExternally = false)
    {
        _clusterManagedExternally = clusterManagedExternally;
    }

    public void ConfigureServices(IServiceCollection services, NodeOptions options)
    {
        // Try-adds: this module runs after the app's modules, and an app's (or a test's) own gateway or directory wins.
        // The gateway finds the shard region in the actor registry on each call: until it is there, it answers 503.
        services.TryAddSingleton<IProcessGateway>(sp => new ShardRegionProcessGateway(sp.GetRequiredService<IReadOnlyActorRegistry>(), AskTimeout));
        services.TryAddSingleton<IProcessDirectory>(sp => new ShardRegionProcessDirectory(sp.GetRequiredService<Akka.Actor.ActorSystem>()));
        // The host disposes the signer's key copies with the node.
        services.AddSingleton(_ => _signer ?? throw new InvalidOperationException("the processes module has not been configured"));
    }

    public void ConfigureAkka(AkkaConfigurationBuilder akka, NodeOptions options, Wallet wallet)
    {
        _signer ??= new AssignmentSigner(wallet);
        ProcessesOptions processes;
        try
        {
            processes = ProcessesNodeOptions.FromNodeMessage(options.NodeMessage, options.DataDir, _signer, ComputeChild);
            _computeSnapshotEvery = ProcessesNodeOptions.ComputeSnapshotEvery(options.NodeMessage);
            _computeSnapshotSpacing = ProcessesNodeOptions.ComputeSnapshotSpacing(options.NodeMessage);
        }
        catch (ArgumentException e)
        {
            throw new NodeConfigurationException("hyperbeam." + e.Message);
        }
        _processes = processes;
        if (!_clusterManagedExternally) akka.WithHyperBeamCluster(HyperBeamClusterOptions.SingleNode);
        akka.AddHyperBeamProcesses(processes);
    }

    public DeviceRegistry ConfigureDevices(DeviceRegistry devices, NodeContext node)
    {
        // Made after the actor system started: the region is in the registry already.
        var gateway = new ShardRegionProcessGateway(node.Actors, AskTimeout);
        var cron = node.ActorSystem.ActorOf(CronScheduler.Props(gateway), "cron");
        var registry = devices.With(NodeDeviceTable.Create(DeviceSupplier.Processes, new DeviceSources(node) { Gateway = gateway, Cron = cron }));
        _compute = new ComputeSettings
        {
            // Each compute worker makes its own execution devices, so a VM belongs to one process.
            ExecutionDevices = [.. NodeDeviceTable.Loaded(DeviceSupplier.Processes, node.Options).Select(e => e.PerWorker).OfType<Func<Device>>()],
            Devices = registry,
            Options = ComputeOptions(node),
            Results = node.Cache,
            SnapshotInterval = _computeSnapshotEvery,
            MinSnapshotSpacing = _computeSnapshotSpacing,
        }.Validate();
        return registry;
    }

    /// <summary>The node's resolve options, with a cache that only loads: an execution step must really run.</summary>
    private static ResolveOptions ComputeOptions(NodeContext node) => node.ResolveDefaults with
    {
        Node = node.State.Current,
        Cache = node.ResolveDefaults.Cache is { } cache ? new LoadOnlyCache(cache) : null,
    };

    private TimeSpan AskTimeout => _processes?.AskTimeout ?? ProcessesOptions.DefaultAskTimeout;

    private Akka.Actor.Props ComputeChild(ComputeChildContext context) =>
        ProcessComputer.Props(context, _compute ?? throw new InvalidOperationException("a process computed before the node finished starting"));
}
