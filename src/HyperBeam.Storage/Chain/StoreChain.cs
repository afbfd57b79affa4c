namespace HyperBeam.Storage;

/// <summary>
/// Stores tried in order, as HyperBEAM's <c>hb_store</c> does with a list of stores: a read returns the first
/// hit, a write goes to the first writable store. Links are followed inside each store, not across stores.
/// <para>
/// A store that fails while a later one hits does not fail the read; if none hits, the first failure is thrown,
/// so a fault is never reported as a miss.
/// </para>
/// </summary>
public sealed class StoreChain : IStore
{
    private readonly IStore[] _stores;
    private readonly bool _ownsStores;

    /// <param name="stores">The stores, in the order they are tried.</param>
    /// <param name="ownsStores">Dispose the stores with the chain.</param>
    public StoreChain(IEnumerable<IStore> stores, bool ownsStores = true)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _stores = [.. stores];
        if (_stores.Length == 0) throw new ArgumentException("a store chain needs at least one store", nameof(stores));
        _ownsStores = ownsStores;
        Name = "chain[" + string.Join(", ", _stores.Select(s => s.Name)) + "]";
    }

    public StoreChain(params IStore[] stores) : this((IEnumerable<IStore>)stores) { }

    public string Name { get; }

    public IReadOnlyList<IStore> Stores => _stores;

    /// <summary>Local when any store is local: the chain can answer without leaving the node.</summary>
    public StoreScope Scope => _stores.Any(s => s.Scope == StoreScope.Local) ? StoreScope.Local : StoreScope.Remote;

    public bool IsWritable => _stores.Any(s => s.IsWritable);

    /// <summary>
    /// The stores of the given scopes, in the same order, as a chain that does not own them (HyperBEAM's
    /// <c>hb_store:scope</c>); null when none match.
    /// </summary>
    public StoreChain? WithScope(params StoreScope[] scopes)
    {
        var matching = _stores.Where(s => scopes.Contains(s.Scope)).ToArray();
        return matching.Length == 0 ? null : new StoreChain(matching, ownsStores: false);
    }

    public ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default) =>
        FirstHitAsync(path, (s, ct) => s.ReadAsync(path, ct), v => v is not null, cancellationToken);

    public ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default) =>
        FirstHitAsync(path, (s, ct) => s.TypeAsync(path, ct), t => t != StoreEntryType.NotFound, cancellationToken);

    public ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default) =>
        FirstHitAsync(path, (s, ct) => s.ListAsync(path, ct), l => l is not null, cancellationToken);

    /// <summary>The first store's resolution that differs from the path (a store that knows a link for it), else the path.</summary>
    public async ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        var resolved = await FirstHitAsync(path, async (s, ct) => (StorePath?)await s.ResolveAsync(path, ct).ConfigureAwait(false),
            r => r != path, cancellationToken).ConfigureAwait(false);
        return resolved ?? path;
    }

    public ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        FirstWritable(path).WriteAsync(path, value, cancellationToken);

    public ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default) =>
        FirstWritable(path).MakeGroupAsync(path, cancellationToken);

    public ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default) =>
        FirstWritable(link).MakeLinkAsync(existing, link, cancellationToken);

    public ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default) =>
        FirstWritable(null).ApplyAsync(batch, cancellationToken);

    /// <summary>Resets every writable store; read-only ones (a gateway) are left alone.</summary>
    public async ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        foreach (var store in _stores.Where(s => s.IsWritable))
            await store.ResetAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ownsStores) return;
        foreach (var store in _stores) await store.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => Name;

    private IStore FirstWritable(StorePath? path) =>
        _stores.FirstOrDefault(s => s.IsWritable)
        ?? throw new StoreException(Name, path, StoreErrorKind.ReadOnly, "no store in the chain takes writes");

    private async ValueTask<T> FirstHitAsync<T>(StorePath path, Func<IStore, CancellationToken, ValueTask<T>> call, Func<T, bool> isHit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        StoreException? firstFailure = null;
        T miss = default!;
        foreach (var store in _stores)
        {
            try
            {
                var result = await call(store, cancellationToken).ConfigureAwait(false);
                if (isHit(result)) return result;
                miss = result;
            }
            catch (StoreException e)
            {
                firstFailure ??= e;
            }
        }
        if (firstFailure is not null) throw firstFailure;
        return miss;
    }
}
