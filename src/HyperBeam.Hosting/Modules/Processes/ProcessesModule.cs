using Akka.Hosting;
using HyperBeam.Cluster.Hosting;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Modules.Observability;
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
using HyperBeam.Storage.Caching;
using HyperBeam.Wasm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ClusterOptions = HyperBeam.Cluster.Configuration.ClusterOptions;

namespace HyperBeam.Hosting.Modules.Processes;

/// <summary>
/// Processes in a node: the event-sourced scheduler behind the <c>process</c> shard region, compute children with
/// the execution devices the node's features allow (lua@5.3a, wasm-64@1.0), and the devices that reach them
/// (scheduler@1.0, process@1.0, push@1.0, cron@1.0) plus the stack devices dedup@1.0 and patch@1.0.
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
        }
        catch (ArgumentException e)
        {
            throw new NodeConfigurationException("hyperbeam." + e.Message);
        }
        _processes = processes;
        if (!_clusterManagedExternally) akka.WithHyperBeamCluster(ClusterOptions.SingleNode);
        akka.AddHyperBeamProcesses(processes);
    }

    public DeviceRegistry ConfigureDevices(DeviceRegistry devices, NodeContext node)
    {
        var wallet = node.State.Wallet;
        // Made after the actor system started: the region is in the registry already.
        var gateway = new ShardRegionProcessGateway(node.Actors, AskTimeout);
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
        var cron = node.ActorSystem.ActorOf(CronScheduler.Props(gateway), "cron");
        var registry = devices.With(
            new SchedulerDevice(gateway, node.Cache.WriteAsync, wallet?.Address),
            new ProcessDevice(gateway),
            new PushDevice(gateway, wallet is null ? null : message => HttpSigCommitments.Commit(message, wallet)),
            new CronDevice(cron),
            new DedupDevice(),
            new PatchDevice());
        // Shared instances answer direct calls (/~lua@5.3a/…); compute workers make their own from the factories.
        registry = registry.With([.. sharedDevices]);
        _compute = new ComputeSettings
        {
            ExecutionDevices = executionDevices,
            Devices = registry,
            Options = ResolveOptions.Default with { Node = node.State.Current, Cache = new LoadOnlyCache(new CountingResolutionCache(new StoreResolutionCache(node.Cache))) },
            Results = node.Cache,
            SnapshotInterval = _computeSnapshotEvery,
        }.Validate();
        return registry;
    }

    private TimeSpan AskTimeout => _processes?.AskTimeout ?? ProcessesOptions.DefaultAskTimeout;

    private Akka.Actor.Props ComputeChild(ComputeChildContext context) =>
        ProcessComputer.Props(context, _compute ?? throw new InvalidOperationException("a process computed before the node finished starting"));
}
