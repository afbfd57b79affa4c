using Akka.Hosting;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Resolution;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Node;
using HyperBeam.Lua;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Devices.Cron;
using HyperBeam.Processes.Devices.Dedup;
using HyperBeam.Processes.Devices.Patch;
using HyperBeam.Processes.Devices.Process;
using HyperBeam.Processes.Devices.Push;
using HyperBeam.Processes.Devices.Scheduler;
using HyperBeam.Processes.Hosting;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Wasm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperBeam.Hosting.Modules.Processes;

/// <summary>
/// Processes in a node: the event-sourced scheduler behind the <c>process</c> shard region, compute children with
/// the execution devices the node's features allow (lua@5.3a, wasm-64@1.0), and the devices that reach them
/// (scheduler@1.0, process@1.0, push@1.0, cron@1.0) plus the stack devices dedup@1.0 and patch@1.0.
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
        var wallet = node.State.Wallet;
        var executionDevices = new List<Func<Device>>();
        var sharedDevices = new List<Device>();
        if (node.Options.Features.Lua)
        {
            executionDevices.Add(LuaDevice.CreateFactory());
            sharedDevices.Add(new LuaDevice());
        }
        if (node.Options.Features.Wasm)
        {
            executionDevices.Add(WasmDevice.CreateFactory());
            // Anyone can call the shared device: none of its instances is a process's own, all are pooled and bounded.
            sharedDevices.Add(new WasmDevice());
        }
        var cron = node.ActorSystem.ActorOf(CronScheduler.Props(_gateway), "cron");
        var registry = devices.With(
            new SchedulerDevice(_gateway, node.Cache.WriteAsync, wallet?.Address),
            new ProcessDevice(_gateway),
            new PushDevice(_gateway, wallet is null ? null : message => HttpSigCommitments.Commit(message, wallet)),
            new CronDevice(cron),
            new DedupDevice(),
            new PatchDevice());
        // Shared instances answer direct calls (/~lua@5.3a/…); compute workers make their own from the factories.
        registry = registry.With([.. sharedDevices]);
        _compute = new ComputeSettings
        {
            ExecutionDevices = executionDevices,
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
