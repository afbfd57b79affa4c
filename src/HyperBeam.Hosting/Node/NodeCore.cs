using Akka.Actor;
using Akka.Hosting;
using HyperBeam.Actors;
using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using HyperBeam.Devices.Relay;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Devices;
using HyperBeam.Hosting.Modules.Observability;
using HyperBeam.Http.Pipeline;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Hosting.Node;

/// <summary>
/// The parts of a node, whoever hosts it: identity (wallet, node message), store chain and message cache, devices and
/// resolver, and the resolve queue into the actor tree. It opens in two steps because the host decides when:
/// <see cref="OpenAsync"/> (wallet and store; idempotent, safe to call from several start-up paths) and
/// <see cref="StartActors"/> (devices, resolver, the node guardian), once the actor system is up.
/// </summary>
public sealed class NodeCore : IAsyncDisposable
{
    private readonly Lock _openLock = new();
    private Task? _opening;
    private NodeState? _state;
    private StoreChain? _store;
    private MessageCache? _cache;
    private HttpClient? _relayClient;
    private NodeContext? _context;
    private Resolver? _resolver;
    private NodeResolution? _resolution;

    public NodeCore(NodeOptions options, IEnumerable<INodeModule> modules)
    {
        Options = options;
        Modules = [.. modules];
    }

    public NodeOptions Options { get; }

    public IReadOnlyList<INodeModule> Modules { get; }

    public NodeRuntime Runtime { get; } = new();

    public NodeState State => _state ?? throw NotOpen();

    public StoreChain Store => _store ?? throw NotOpen();

    public MessageCache Cache => _cache ?? throw NotOpen();

    public HttpClient RelayClient => _relayClient ?? throw NotOpen();

    /// <summary>The started node, for devices and introspection; throws before <see cref="StartActors"/>.</summary>
    public NodeContext Context => _context ?? throw new InvalidOperationException("the node's actor system has not started yet");

    public Resolver Resolver => _resolver ?? throw new InvalidOperationException("the node's actor system has not started yet");

    /// <summary>The node's one resolve entry (HTTP requests and <see cref="IHyperBeamClient"/>); throws before <see cref="StartActors"/>.</summary>
    public NodeResolution Resolution => _resolution ?? throw new InvalidOperationException("the node's actor system has not started yet");

    public bool IsStarted => _context is not null;

    /// <summary>Loads (or creates) the wallet and opens the store chain; later calls return the first call's task.</summary>
    public Task OpenAsync()
    {
        lock (_openLock) return _opening ??= OpenOnceAsync();
    }

    private async Task OpenOnceAsync()
    {
        Directory.CreateDirectory(Options.DataDir);
        var wallet = NodeWallet.LoadOrCreate(Options.ResolvedKeyFile);
        _state = new NodeState(Options.NodeMessage, wallet);
        var store = await OpenStoreAsync(Options, wallet).ConfigureAwait(false);
        foreach (var module in Modules) store = module.ComposeStore(store, Options);
        _store = store;
        _cache = new MessageCache(_store);
        _relayClient = RelayHttpClient.Create(Options.Relay);
    }

    /// <summary>
    /// Builds the devices (the node's own from <see cref="NodeDeviceTable"/>, then each module's), the resolver and the node guardian, and attaches the
    /// resolve queue. Called by the actor system's start-up, after the modules' own actors (shard regions) exist.
    /// </summary>
    public void StartActors(ActorSystem system, IActorRegistry registry, IServiceProvider services)
    {
        var defaults = ResolveDefaults(services.GetService(typeof(ILoggerFactory)) as ILoggerFactory);
        var context = new NodeContext(Options, State, Store, Cache, RelayClient, services, system, registry) { ResolveDefaults = defaults };
        var devices = new DeviceRegistry(NodeDeviceTable.Create(DeviceSupplier.Node, new DeviceSources(context)));
        foreach (var module in Modules) devices = module.ConfigureDevices(devices, context);
        _resolver = new Resolver(devices);

        var guardian = system.ActorOf(NodeGuardian.Props(_resolver), ActorNames.Guardian);
        registry.Register<NodeGuardian>(guardian);
        // The guardian forwards resolve jobs to its protocol router, keeping the original sender.
        var queue = new ResolveQueue(system, guardian, Options.Queue);
        Runtime.Attach(queue);
        _resolution = new NodeResolution(State, defaults, queue);
        _context = context;
    }

    /// <summary>The HTTP request pipeline of this node (its catch-all endpoint).</summary>
    public RequestPipeline CreatePipeline(ILoggerFactory loggers) =>
        new(State, Resolution, Options.Limits, Options.DefaultPage, loggers.CreateLogger<RequestPipeline>(),
            tracing: Options.Features.Tracing, devices: Resolver.Devices);

    /// <summary>
    /// The node's resolve options apart from its message and a caller's authority, made once for every way in: the
    /// resolution cache over the message cache (its hits and misses counted) and the limits of a request.
    /// </summary>
    private ResolveOptions ResolveDefaults(ILoggerFactory? loggers) => new()
    {
        Cache = new CountingResolutionCache(new StoreResolutionCache(Cache, loggers?.CreateLogger<StoreResolutionCache>())),
        MaxDepth = Options.Limits.MaxNestingDepth,
        MaxKeyBytes = Options.Limits.MaxSegmentBytes,
    };

    public async ValueTask DisposeAsync()
    {
        _relayClient?.Dispose();
        if (_store is not null) await _store.DisposeAsync().ConfigureAwait(false);
        _state?.Wallet?.Dispose();
    }

    private static InvalidOperationException NotOpen() => new("the node is not open yet: await NodeCore.OpenAsync() first");

    /// <summary>The configured store chain; a setting it cannot take stops start-up naming the key, value and what is allowed.</summary>
    private static async Task<StoreChain> OpenStoreAsync(NodeOptions options, Wallet wallet)
    {
        try
        {
            return await StoreFactory.CreateAsync(options.Stores, options.DataDir, wallet: wallet).ConfigureAwait(false);
        }
        catch (StoreOptionsException e)
        {
            throw StoreConfiguration.Invalid("hyperbeam." + e.Option, e.Value, e.Allowed);
        }
    }
}
