using Akka.Hosting;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Resolution;
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
/// registry and the message cache exist.
/// </summary>
public sealed class ProcessesModule : INodeModule
{
    private readonly DeferredProcessGateway _gateway = new();
    private readonly bool _clusterManagedExternally;
    private ComputeSettings? _compute;
    private AssignmentSigner? _signer;
    private int _computeSnapshotEvery;

    /// <param name="clusterManagedExternally">
    /// The cluster module sets up remoting and membership: the processes setup adds neither and does not join itself.
    /// </param>
    public ProcessesModule(bool clusterManagedExternally = false)
    {
        _clusterManagedExternally = clusterManagedExternally;
    }

    public IProcessGateway Gateway => _gateway;

    public void ConfigureServices(IServiceCollection services, NodeOptions options)
    {
        // Try-adds: this module runs after the app's modules, and an app's (or a test's) own gateway or directory wins.
        services.TryAddSingleton<IProcessGateway>(_gateway);
        services.TryAddSingleton<IProcessDirectory>(sp => new ShardRegionProcessDirectory(sp.GetRequiredService<Akka.Actor.ActorSystem>()));
        // The host disposes the signer's key copies with the node.
        services.AddSingleton(_ => _signer ?? throw new InvalidOperationException("the processes module has not been configured"));
    }

    public void ConfigureAkka(AkkaConfigurationBuilder akka, NodeOptions options)
    {
        _signer ??= new AssignmentSigner(NodeWallet.LoadOrCreate(options.ResolvedKeyFile));
        ProcessesOptions processes;
        try
        {
            processes = ProcessesNodeOptions.FromNodeMessage(options.NodeMessage, options.DataDir, _signer, ComputeChild);
            _computeSnapshotEvery = ProcessesNodeOptions.ComputeSnapshotEvery(options.NodeMessage);
        }
        catch (ArgumentException e)
        {
            throw new NodeConfigurationException("hyperbeam." + e.Message);
        }
        akka.AddHyperBeamProcesses(processes with { ClusterManagedExternally = _clusterManagedExternally }, _gateway.Attach);
    }

    public DeviceRegistry ConfigureDevices(DeviceRegistry devices, NodeContext node)
    {
        var cron = node.ActorSystem.ActorOf(CronScheduler.Props(_gateway), "cron");
        var registry = devices.With(NodeDeviceTable.Create(DeviceSupplier.Processes, new DeviceSources(node) { Gateway = _gateway, Cron = cron }));
        _compute = new ComputeSettings
        {
            // Each compute worker makes its own execution devices, so a VM belongs to one process.
            ExecutionDevices = [.. NodeDeviceTable.Loaded(DeviceSupplier.Processes, node.Options).Select(e => e.PerWorker).OfType<Func<Device>>()],
            Devices = registry,
            Options = ComputeOptions(node),
            Results = node.Cache,
            SnapshotInterval = _computeSnapshotEvery,
        }.Validate();
        return registry;
    }

    /// <summary>The node's resolve options, with a cache that only loads: an execution step must really run.</summary>
    private static ResolveOptions ComputeOptions(NodeContext node) => node.ResolveDefaults with
    {
        Node = node.State.Current,
        Cache = node.ResolveDefaults.Cache is { } cache ? new LoadOnlyCache(cache) : null,
    };

    private Akka.Actor.Props ComputeChild(ComputeChildContext context) =>
        ProcessComputer.Props(context, _compute ?? throw new InvalidOperationException("a process computed before the node finished starting"));
}
