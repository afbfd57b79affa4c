using HyperBeam.Storage.Caching;
using HyperBeam.Core.Wallets;
using HyperBeam.Storage.Gateway;
using HyperBeam.Storage.RemoteNode;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Storage;

/// <summary>Builds a node's store chain from its options, checking every option before opening anything.</summary>
public static class StoreFactory
{
    /// <param name="options">The stores in the order the chain tries them.</param>
    /// <param name="dataDir">The folder relative store paths are under.</param>
    /// <param name="http">An HTTP client for gateways to share; when null each gateway makes its own.</param>
    /// <exception cref="StoreOptionsException">An option is missing, unknown or out of range.</exception>
    /// <exception cref="StoreException">A store could not be opened; those opened before it are closed again.</exception>
    /// <remarks>Asynchronous because closing the stores already opened, when a later one fails, is.</remarks>
    /// <param name="wallet">Signs writes to remote-node stores; without one they are read-only.</param>
    public static async ValueTask<StoreChain> CreateAsync(IReadOnlyList<StoreOptions> options, string dataDir, HttpClient? http = null,
        ILoggerFactory? loggers = null, Wallet? wallet = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0) throw new StoreOptionsException("store", "[]", "a list of at least one store");
        if (string.IsNullOrWhiteSpace(dataDir)) throw new StoreOptionsException("data-dir", dataDir, "a folder path");
        var folders = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++) Validate(options[i], i, dataDir, folders);

        var stores = new IStore?[options.Count];
        try
        {
            // Local stores first, so that a gateway listed before them can still write through to them.
            for (var i = 0; i < options.Count; i++)
                if (IsLocal(options[i].Type)) stores[i] = CreateLocal(options[i], dataDir);
            var writableLocals = stores.OfType<IStore>().Where(s => s.IsWritable).ToArray();
            for (var i = 0; i < options.Count; i++)
                if (options[i].Type == StoreTypes.Gateway) stores[i] = CreateGateway(options[i], i, writableLocals, http, loggers);
                else if (options[i].Type == StoreTypes.RemoteNode)
                    stores[i] = new RemoteNodeStore(new RemoteNodeClient(new Uri(options[i].Url!), http, options[i].Timeout), wallet);
        }
        catch
        {
            foreach (var store in stores)
                if (store is not null) await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new StoreChain(stores!);
    }

    /// <summary>The folder a local store's <see cref="StoreOptions.Path"/> names.</summary>
    public static string FolderOf(StoreOptions options, string dataDir) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDir, options.Path ?? options.Type));

    private static IStore CreateLocal(StoreOptions o, string dataDir)
    {
        var depth = o.MaxLinkDepth ?? LinkedStore.DefaultMaxLinkDepth;
        IStore store = o.Type switch
        {
            StoreTypes.RocksDb => new RocksDbStore(FolderOf(o, dataDir), o.SyncWrites ?? false, depth),
            StoreTypes.FileSystem => new FileSystemStore(FolderOf(o, dataDir), o.SyncWrites ?? false, depth),
            StoreTypes.Memory => new MemoryStore(o.MaxBytes ?? MemoryStore.DefaultMaxBytes, depth),
            _ => throw new InvalidOperationException($"'{o.Type}' is not a local store type"),
        };
        return o.ReadOnly == true ? new ReadOnlyStore(store) : store;
    }

    private static GatewayStore CreateGateway(StoreOptions o, int index, IStore[] writableLocals, HttpClient? http, ILoggerFactory? loggers)
    {
        if (o.WriteThrough == true && writableLocals.Length == 0)
            throw new StoreOptionsException($"store[{index}].write-through", "true", "false, unless the chain has a writable local store");
        var client = new GatewayClient(new Uri(o.Url!), http, o.Timeout);
        var writeThrough = o.WriteThrough != false && writableLocals.Length > 0
            ? new MessageCache(new StoreChain(writableLocals, ownsStores: false))
            : null;
        return new GatewayStore(client, writeThrough, loggers?.CreateLogger<GatewayStore>());
    }

    private static void Validate(StoreOptions o, int i, string dataDir, Dictionary<string, int> folders)
    {
        ArgumentNullException.ThrowIfNull(o);
        string Name(string option) => $"store[{i}].{option}";
        if (o.Type is null || !StoreTypes.All.Contains(o.Type))
            throw new StoreOptionsException(Name("type"), o.Type, "one of " + string.Join(", ", StoreTypes.All));
        var local = IsLocal(o.Type);
        var onDisk = o.Type is StoreTypes.RocksDb or StoreTypes.FileSystem;

        OnlyFor(o.Path, onDisk, Name("path"), "rocksdb and fs stores");
        OnlyFor(o.SyncWrites, onDisk, Name("sync-writes"), "rocksdb and fs stores");
        OnlyFor(o.MaxBytes, o.Type == StoreTypes.Memory, Name("max-bytes"), "memory stores");
        OnlyFor(o.Url, !local, Name("url"), "gateway and remote-node stores");
        OnlyFor(o.Timeout, !local, Name("timeout"), "gateway and remote-node stores");
        OnlyFor(o.WriteThrough, o.Type == StoreTypes.Gateway, Name("write-through"), "gateway stores");
        OnlyFor(o.MaxLinkDepth, local, Name("max-link-depth"), "rocksdb, fs and memory stores");
        OnlyFor(o.ReadOnly, local, Name("read-only"), "rocksdb, fs and memory stores (a gateway is always read-only)");

        if (o.MaxBytes is < 1) throw new StoreOptionsException(Name("max-bytes"), o.MaxBytes.ToString(), "a positive number of bytes");
        if (o.MaxLinkDepth is < 1) throw new StoreOptionsException(Name("max-link-depth"), o.MaxLinkDepth.ToString(), "a positive number of hops");
        if (o.Timeout is { } t && t <= TimeSpan.Zero) throw new StoreOptionsException(Name("timeout"), t.ToString(), "a positive duration");
        if (!local && (o.Url is null || !Uri.TryCreate(o.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            throw new StoreOptionsException(Name("url"), o.Url, "an absolute http:// or https:// URL");
        if (onDisk)
        {
            if (o.Path is { } p && (p.Length == 0 || p.Contains('\0')))
                throw new StoreOptionsException(Name("path"), p, "a folder path (absolute, or relative to the data folder)");
            var folder = FolderOf(o, dataDir);
            if (folders.TryGetValue(folder, out var other))
                throw new StoreOptionsException(Name("path"), o.Path ?? o.Type, $"a folder no other store uses (store[{other}] already uses {folder})");
            folders[folder] = i;
        }
    }

    private static bool IsLocal(string type) => type is not (StoreTypes.Gateway or StoreTypes.RemoteNode);

    private static void OnlyFor<T>(T? value, bool applies, string option, string stores)
    {
        if (value is not null && !applies) throw new StoreOptionsException(option, value.ToString(), $"unset: it applies only to {stores}");
    }
}
