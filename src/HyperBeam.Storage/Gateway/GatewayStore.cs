using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Storage.Caching;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperBeam.Storage.Gateway;

/// <summary>
/// A read-only, remote store over an Arweave gateway (HyperBEAM's <c>hb_store_gateway</c>). Only paths that
/// start with a 43-character ID are answered: the ID is a group holding the transaction's message in TABM form,
/// so <see cref="MessageCache"/> reads it like any cached message, and <c>ID/key</c> is one of its values.
/// <para>
/// What is fetched can be written through to a local cache, so the next read does not leave the node, and the
/// last few fetched messages are kept in memory because a message read asks for each of its keys in turn.
/// </para>
/// </summary>
public sealed class GatewayStore : IStore
{
    private readonly GatewayClient _client;
    private readonly bool _ownsClient;
    private readonly MessageCache? _writeThrough;
    private readonly ILogger _logger;
    private readonly int _rememberedMessages;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Id, Message Tabm)>> _recent = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, Message Tabm)> _recency = [];
    private int _disposed;

    /// <param name="writeThrough">A cache to write every fetched message into, or null for none.</param>
    /// <param name="rememberedMessages">How many fetched messages to keep in memory.</param>
    public GatewayStore(GatewayClient client, MessageCache? writeThrough = null, ILogger<GatewayStore>? logger = null,
        int rememberedMessages = 64, bool ownsClient = true)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentOutOfRangeException.ThrowIfLessThan(rememberedMessages, 1);
        _ownsClient = ownsClient;
        _writeThrough = writeThrough;
        _logger = logger ?? NullLogger<GatewayStore>.Instance;
        _rememberedMessages = rememberedMessages;
    }

    public string Name => _client.Name;

    public StoreScope Scope => StoreScope.Remote;

    public bool IsWritable => false;

    public GatewayClient Client => _client;

    public async ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default) =>
        MessageTreeEntry.Bytes(await NodeAsync(path, cancellationToken).ConfigureAwait(false));

    public async ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default) =>
        MessageTreeEntry.Type(await NodeAsync(path, cancellationToken).ConfigureAwait(false));

    public async ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default) =>
        MessageTreeEntry.Children(await NodeAsync(path, cancellationToken).ConfigureAwait(false));

    /// <summary>A gateway has no links: every path is its own resolution.</summary>
    public ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ValueTask.FromResult(path);
    }

    public ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => throw ReadOnly(path);

    public ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default) => throw ReadOnly(path);

    public ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default) => throw ReadOnly(link);

    public ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default) => throw ReadOnly(null);

    /// <summary>Forgets the messages kept in memory; the gateway itself is never touched.</summary>
    public ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        lock (_lock)
        {
            _recent.Clear();
            _recency.Clear();
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownsClient) _client.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Name;

    private async ValueTask<AoValue?> NodeAsync(StorePath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ThrowIfDisposed();
        var id = path.Segments[0];
        if (!Base64Url.IsHumanId(id)) return null;
        AoValue? current = await FetchAsync(id, cancellationToken).ConfigureAwait(false);
        for (var i = 1; i < path.Depth && current is not null; i++)
            current = current is Message m ? m.Get(path.Segments[i]) : null;
        return current;
    }

    private async ValueTask<Message?> FetchAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_recent.TryGetValue(id, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Tabm;
            }
        }
        var message = await _client.ReadMessageAsync(id, cancellationToken).ConfigureAwait(false);
        if (message is null) return null;
        var tabm = StructuredCodec.ToTabm(message);
        Remember(id, tabm);
        if (_writeThrough is not null)
        {
            try
            {
                await _writeThrough.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (StoreException e)
            {
                // The read itself succeeded; a full local disk must not turn remote data into an error.
                _logger.LogWarning(e, "Could not write {Id} from {Gateway} through to {Store}", id, Name, _writeThrough.Store.Name);
            }
        }
        return tabm;
    }

    private void Remember(string id, Message tabm)
    {
        lock (_lock)
        {
            if (_recent.Remove(id, out var old)) _recency.Remove(old);
            _recent[id] = _recency.AddFirst((id, tabm));
            while (_recent.Count > _rememberedMessages)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _recent.Remove(last.Value.Id);
            }
        }
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(Name, $"The store {Name} has been disposed.");
    }

    private StoreException ReadOnly(StorePath? path) =>
        new(Name, path, StoreErrorKind.ReadOnly, "an Arweave gateway is read-only here; write to a local store of the chain");
}
