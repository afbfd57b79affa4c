using HyperBeam.Storage;

namespace HyperBeam.Hosting.Modules.Cluster;

/// <summary>
/// A store that exists before what it stands for: the cluster store needs the actor system's shard region, and the
/// shard region needs the node's local store, but the node's store chain is made before either. Until
/// <see cref="Attach"/> it misses every read and takes no writes, so a chain falls through to the stores behind it.
/// It does not own the store it forwards to (the node's chain disposes the real stores).
/// </summary>
internal sealed class LateBoundStore(string name) : IStore
{
    private IStore? _target;

    public string Name => Target?.Name ?? name;

    public StoreScope Scope => StoreScope.Local;

    public bool IsWritable => Target?.IsWritable ?? false;

    private IStore? Target => Volatile.Read(ref _target);

    public void Attach(IStore target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (Interlocked.CompareExchange(ref _target, target, null) is not null)
            throw new InvalidOperationException($"{name} is already attached");
    }

    public ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default) =>
        Target?.ReadAsync(path, cancellationToken) ?? ValueTask.FromResult<byte[]?>(null);

    public ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default) =>
        Target?.TypeAsync(path, cancellationToken) ?? ValueTask.FromResult(StoreEntryType.NotFound);

    public ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default) =>
        Target?.ListAsync(path, cancellationToken) ?? ValueTask.FromResult<IReadOnlyList<string>?>(null);

    public ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default) =>
        Target?.ResolveAsync(path, cancellationToken) ?? ValueTask.FromResult(path);

    public ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        Writable(path).WriteAsync(path, value, cancellationToken);

    public ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default) =>
        Writable(path).MakeGroupAsync(path, cancellationToken);

    public ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default) =>
        Writable(link).MakeLinkAsync(existing, link, cancellationToken);

    public ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default) =>
        Writable(null).ApplyAsync(batch, cancellationToken);

    public ValueTask ResetAsync(CancellationToken cancellationToken = default) =>
        Target?.ResetAsync(cancellationToken) ?? ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => Name;

    private IStore Writable(StorePath? path) =>
        Target ?? throw new StoreException(name, path, StoreErrorKind.ReadOnly, "the cluster has not started yet");
}
