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
/// resolver, and the node guardian the resolve queue feeds. It opens in two steps because the host decides when:
/// <see cref="OpenAsync"/> (wallet and store; idempotent, safe to call from several start-up paths) and
/// <see cref="StartActors"/> (devices, resolver, the node guardian), once the actor system is up. The wallet is
/// loaded once, by whichever needs it first (<see cref="OpenAsync"/>, or a module's Akka set-up when the host
/// configures the actor system before the node opens).
/// </summary>
public sealed class NodeCore : IAsyncDisposable
{
    private readonly Lock _openLock = new();
    private readonly Lazy<Wallet> _wallet;
    private Task? _opening;
    private NodeState? _state;
    private StoreChain? _configured;
    private StoreChain? _store;
    private MessageCache? _cache;
    private HttpClient? _relayClient;
    private NodeContext? _context;
    private Resolver? _resolver;
    private InFlightResolutions? _inFlight;
    private ResolveOptions? _defaults;

    public NodeCore(NodeOptions options, IEnumerable<INodeModule> modules)
    {
        Options = options;
        Modules = [.. modules];
        _wallet = new Lazy<Wallet>(() =>
        {
            Directory.CreateDirectory(Options.DataDir);
            return NodeWallet.LoadOrCreate(Options.ResolvedKeyFile);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public NodeOptions Options { get; }

    public IReadOnlyList<INodeModule> Modules { get; }

    /// <summary>The node's wallet, loaded (or created) on first use; the node disposes it.</summary>
    public Wallet Wallet => _wallet.Value;

    public NodeState State => _state ?? throw NotOpen();

    /// <summary>The store chain as configured (opened by <see cref="OpenAsync"/>), before the modules compose it.</summary>
    public StoreChain ConfiguredStore => _configured ?? throw NotOpen();

    /// <summary>The node's store chain, as the modules composed it when the actor system started.</summary>
    public StoreChain Store => _store ?? throw NotStarted();

    public MessageCache Cache => _cache ?? throw NotStarted();

    public HttpClient RelayClient => _relayClient ?? throw NotOpen();

    /// <summary>The started node, for devices and introspection; throws before <see cref="StartActors"/>.</summary>
    public NodeContext Context => _context ?? throw NotStarted();

    public Resolver Resolver => _resolver ?? throw NotStarted();


    public bool IsStarted => _context is not null;

    /// <summary>Loads (or creates) the wallet and opens the configured store chain; later calls return the first call's task.</summary>
    public Task OpenAsync()
    {
        lock (_openLock) return _opening ??= OpenOnceAsync();
    }

    private async Task OpenOnceAsync()
    {
        var wallet = Wallet;
        _state = new NodeState(Options.NodeMessage, wallet);
        _configured = await OpenStoreAsync(Options, wallet).ConfigureAwait(false);
        _relayClient = RelayHttpClient.Create(Options.Relay);
    }

    /// <summary>
    /// Composes the store chain (each module may put a store in front), makes the node's resolve options, builds the
    /// devices (the node's own from <see cref="NodeDeviceTable"/>, then each module's), the resolver and the node
    /// guardian, which it registers in the actor registry (the resolve queue finds it there). Called by the actor
    /// system's start-up, after the modules' own actors (shard regions) exist.
    /// </summary>
    public void StartActors(ActorSystem system, IActorRegistry registry, IServiceProvider services)
    {
        var store = ConfiguredStore;
        foreach (var module in Modules) store = module.ComposeStore(store, Options, registry);
        _store = store;
        _cache = new MessageCache(store);
        var defaults = ResolveDefaults(services.GetService(typeof(ILoggerFactory)) as ILoggerFactory);
        _defaults = defaults;
        var context = new NodeContext(Options, State, Store, Cache, RelayClient, services, system, registry) { ResolveDefaults = defaults };
        var devices = new DeviceRegistry(NodeDeviceTable.Create(DeviceSupplier.Node, new DeviceSources(context)));
        foreach (var module in Modules) devices = module.ConfigureDevices(devices, context);
        _resolver = new Resolver(devices);

        _inFlight = new InFlightResolutions(_resolver);
        var guardian = system.ActorOf(NodeGuardian.Props(_inFlight), ActorNames.Guardian);
        registry.Register<NodeGuardian>(guardian);
        _context = context;
    }

    /// <summary>
    /// The resolve queue in front of the node's in-flight table, which the guardian's protocol router shares (and
    /// stops with the actor system); one per node, made by the host's container once the guardian is registered.
    /// </summary>
    public ResolveQueue CreateQueue(ActorSystem system, IRequiredActor<NodeGuardian> guardian) => new(_inFlight ?? throw NotStarted(), Options.Queue);

    /// <summary>
    /// The node's one resolve entry (HTTP requests and <see cref="IHyperBeamClient"/>) over <paramref name="queue"/>;
    /// one per node, made by the host's container after <see cref="StartActors"/>.
    /// </summary>
    public NodeResolution CreateResolution(ResolveQueue queue) => new(State, _defaults ?? throw NotStarted(), queue);

    /// <summary>The HTTP request pipeline of this node (its catch-all endpoint).</summary>
    public RequestPipeline CreatePipeline(NodeResolution resolution, ILoggerFactory loggers) =>
        new(State, resolution, Options.Limits, Options.DefaultPage, loggers.CreateLogger<RequestPipeline>(),
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
        // The composed chain owns the configured stores.
        if ((_store ?? _configured) is { } store) await store.DisposeAsync().ConfigureAwait(false);
        if (_wallet.IsValueCreated) _wallet.Value.Dispose();
    }

    private static InvalidOperationException NotOpen() => new("the node is not open yet: await NodeCore.OpenAsync() first");

    private static InvalidOperationException NotStarted() => new("the node's actor system has not started yet");

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
