namespace HyperBeam.Storage;

/// <summary>
/// A store seen without its writes: a shared cache mounted read-only, or a local store a chain must only read.
/// Writes and resets fail with <see cref="StoreErrorKind.ReadOnly"/>.
/// </summary>
public sealed class ReadOnlyStore(IStore inner, bool ownsInner = true) : IStore
{
    public IStore Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public string Name { get; } = "read-only:" + inner.Name;

    public StoreScope Scope => Inner.Scope;

    public bool IsWritable => false;

    public ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default) => Inner.ReadAsync(path, cancellationToken);

    public ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default) => Inner.TypeAsync(path, cancellationToken);

    public ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default) => Inner.ListAsync(path, cancellationToken);

    public ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default) => Inner.ResolveAsync(path, cancellationToken);

    public ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => throw Refused(path);

    public ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default) => throw Refused(path);

    public ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default) => throw Refused(link);

    public ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default) => throw Refused(null);

    public ValueTask ResetAsync(CancellationToken cancellationToken = default) => throw Refused(null);

    public ValueTask DisposeAsync() => ownsInner ? Inner.DisposeAsync() : ValueTask.CompletedTask;

    public override string ToString() => Name;

    private StoreException Refused(StorePath? path) => new(Name, path, StoreErrorKind.ReadOnly, "this store is read-only");
}
