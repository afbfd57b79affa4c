namespace HyperBeam.Storage;

/// <summary>
/// The common body of the local stores (memory, file system, RocksDB): link resolution, types, listing and the
/// meaning of each mutation live here once, so the backends only map single entries onto their medium.
/// </summary>
public abstract class LinkedStore : IStore, IStoreNodes
{
    /// <summary>Default hop limit when following links; far above any real chain, low enough to stop a cycle fast.</summary>
    public const int DefaultMaxLinkDepth = 64;

    private int _disposed;

    private protected LinkedStore(string name, int maxLinkDepth)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLinkDepth, 1);
        Name = name;
        MaxLinkDepth = maxLinkDepth;
    }

    public string Name { get; }

    public StoreScope Scope => StoreScope.Local;

    public bool IsWritable => true;

    /// <summary>How many links one operation may follow before it is declared a cycle.</summary>
    public int MaxLinkDepth { get; }

    protected bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// True when an entry found at a path proves every segment above it is a group, so a direct hit needs no
    /// segment-by-segment resolution. Holds where paths are keys (memory, RocksDB); not on a file system, whose
    /// own symlink following could reach an entry through a link.
    /// </summary>
    private protected virtual bool DirectHitsAreResolved => true;

    public async ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        var resolved = ResolveForRead(path, cancellationToken);
        return await ReadResolvedAsync(resolved, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        var resolved = ResolveForRead(path, cancellationToken);
        return ValueTask.FromResult(Peek(resolved).Kind switch
        {
            StoreNodeKind.Value => StoreEntryType.Simple,
            StoreNodeKind.Group => StoreEntryType.Composite,
            _ => StoreEntryType.NotFound,
        });
    }

    public ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        var resolved = ResolveForRead(path, cancellationToken);
        return ValueTask.FromResult(Peek(resolved).Kind == StoreNodeKind.Group ? ListResolved(resolved) : null);
    }

    public ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(LinkResolver.Resolve(this, path, MaxLinkDepth, Name, DirectHitsAreResolved));
    }

    public ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        ApplyAsync(new StoreBatch().Write(path, value), cancellationToken);

    public ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default) =>
        ApplyAsync(new StoreBatch().MakeGroup(path), cancellationToken);

    public ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default) =>
        ApplyAsync(new StoreBatch().MakeLink(existing, link), cancellationToken);

    public ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return batch.Count == 0 ? ValueTask.CompletedTask : ApplyCoreAsync(batch, cancellationToken);
    }

    public ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return ResetCoreAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await DisposeCoreAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>The entry at exactly this path, links not followed.</summary>
    internal abstract StoreNode Peek(StorePath path);

    StoreNode IStoreNodes.Peek(StorePath path) => Peek(path);

    /// <summary>The value at a resolved path, or null when there is none (it may have gone since it was peeked).</summary>
    private protected abstract ValueTask<byte[]?> ReadResolvedAsync(StorePath resolved, CancellationToken cancellationToken);

    /// <summary>The names in the group at a resolved path.</summary>
    private protected abstract IReadOnlyList<string> ListResolved(StorePath resolved);

    /// <summary>Applies the operations, planning each with <see cref="Plan"/> in the backend's own critical section.</summary>
    private protected abstract ValueTask ApplyCoreAsync(IReadOnlyList<StoreOperation> operations, CancellationToken cancellationToken);

    private protected abstract ValueTask ResetCoreAsync(CancellationToken cancellationToken);

    private protected abstract ValueTask DisposeCoreAsync();

    private protected PlannedOperation? Plan(StoreOperation operation, IStoreNodes nodes) =>
        OperationPlanner.Plan(operation, nodes, MaxLinkDepth, Name, DirectHitsAreResolved);

    private protected void ThrowIfDisposed()
    {
        if (IsDisposed) throw new ObjectDisposedException(Name, $"The store {Name} has been disposed; open a new one to use it again.");
    }

    public override string ToString() => Name;

    /// <summary>The path with links followed; a direct hit on a value or group skips the walk.</summary>
    private StorePath ResolveForRead(StorePath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return LinkResolver.Resolve(this, path, MaxLinkDepth, Name, DirectHitsAreResolved);
    }
}
