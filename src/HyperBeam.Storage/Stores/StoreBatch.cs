using System.Collections;

namespace HyperBeam.Storage;

/// <summary>
/// An ordered list of mutations to apply with one <see cref="IStore.ApplyAsync"/> call. RocksDB commits a batch in
/// one atomic write; writing a whole message this way costs one round trip instead of one per key.
/// </summary>
public sealed class StoreBatch : IReadOnlyList<StoreOperation>
{
    private readonly List<StoreOperation> _operations = [];

    public int Count => _operations.Count;

    public StoreOperation this[int index] => _operations[index];

    /// <summary>Total bytes of the values written, for budgeting.</summary>
    public long ValueBytes { get; private set; }

    public StoreBatch Write(StorePath path, ReadOnlyMemory<byte> value)
    {
        ArgumentNullException.ThrowIfNull(path);
        _operations.Add(new StoreOperation.Write(path, value));
        ValueBytes += value.Length;
        return this;
    }

    public StoreBatch MakeGroup(StorePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _operations.Add(new StoreOperation.MakeGroup(path));
        return this;
    }

    public StoreBatch MakeLink(StorePath existing, StorePath link)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(link);
        _operations.Add(new StoreOperation.MakeLink(existing, link));
        return this;
    }

    public IEnumerator<StoreOperation> GetEnumerator() => _operations.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
