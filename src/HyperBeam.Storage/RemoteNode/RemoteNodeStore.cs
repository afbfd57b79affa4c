using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Storage.RemoteNode;

/// <summary>
/// Another node's cache as a store (HyperBEAM's <c>hb_store_remote_node</c>). Like a gateway store it answers only
/// paths that start with an ID: the ID is a group holding the message in TABM form, read from the node with
/// <c>cache@1.0/read</c>, so <see cref="Caching.MessageCache"/> reads it like a local message. A message is only
/// accepted when it has the ID that was asked for, so a node cannot answer with something else.
/// Writes go through <c>cache@1.0/write</c>, signed with <see cref="Wallet"/>; without a wallet the store is
/// read-only. Raw writes (<see cref="WriteAsync"/>) write a binary at its path; groups and links are not sent.
/// </summary>
public sealed class RemoteNodeStore(RemoteNodeClient client, Wallet? wallet = null, bool ownsClient = true) : IStore
{
    private readonly RemoteNodeClient _client = client ?? throw new ArgumentNullException(nameof(client));
    private int _disposed;

    public string Name => _client.Name;

    public StoreScope Scope => StoreScope.Remote;

    public bool IsWritable => wallet is not null;

    /// <summary>Writes a whole message into the remote cache; returns its unsigned ID there.</summary>
    public async ValueTask<string> WriteMessageAsync(Message message, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var reply = await _client.WriteAsync(message, null, RequireWallet(null), cancellationToken).ConfigureAwait(false);
        return reply.GetText("id") ?? throw new StoreException(Name, null, StoreErrorKind.Remote, "the node's write reply carries no id");
    }

    public async ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default) =>
        MessageTreeEntry.Bytes(await NodeAsync(path, cancellationToken).ConfigureAwait(false));

    public async ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default) =>
        MessageTreeEntry.Type(await NodeAsync(path, cancellationToken).ConfigureAwait(false));

    public async ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default) =>
        MessageTreeEntry.Children(await NodeAsync(path, cancellationToken).ConfigureAwait(false));

    public ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ValueTask.FromResult(path);
    }

    public async ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await _client.WriteAsync(new AoBinary(value.ToArray()), path.ToString(), RequireWallet(path), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Groups exist on the remote node once something is written under them.</summary>
    public ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        RequireWallet(path);
        return ValueTask.CompletedTask;
    }

    public ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default) =>
        throw new StoreException(Name, link, StoreErrorKind.ReadOnly, "links are not written to a remote node; write the message with WriteMessageAsync");

    public async ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        throw new StoreException(Name, null, StoreErrorKind.ReadOnly,
            $"a batch of {batch.Count} operations cannot be sent to a remote node; write the message with WriteMessageAsync");
    }

    /// <summary>Nothing is held locally; the remote cache is never reset from here.</summary>
    public ValueTask ResetAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && ownsClient) _client.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Name;

    private async ValueTask<AoValue?> NodeAsync(StorePath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ThrowIfDisposed();
        var id = path.Segments[0];
        if (!Base64Url.IsHumanId(id)) return null;
        var message = await _client.ReadAsync(id, cancellationToken).ConfigureAwait(false);
        if (message is null || Verified(message, id) is not { } verified) return null;
        AoValue? current = StructuredCodec.ToTabm(verified);
        for (var i = 1; i < path.Depth && current is not null; i++)
            current = current is Message m ? m.Get(path.Segments[i]) : null;
        return current;
    }

    /// <summary>
    /// The message if it has the ID asked for. The node's HTTP layer adds <c>status</c> to an unsigned reply, so
    /// without it is tried too.
    /// </summary>
    private static Message? Verified(Message message, string id)
    {
        foreach (var candidate in new[] { message, message.Remove("status") })
        {
            if (MessageIds.Unsigned(candidate) == id || MessageIds.All(candidate) == id) return candidate;
            if (candidate.Get(MessageIds.CommitmentsKey) is Message commitments && commitments.ContainsKey(id)) return candidate;
        }
        return null;
    }

    private Wallet RequireWallet(StorePath? path) =>
        wallet ?? throw new StoreException(Name, path, StoreErrorKind.ReadOnly, "this remote node store has no wallet to sign writes with");

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(Name, $"The store {Name} has been disposed.");
    }
}
