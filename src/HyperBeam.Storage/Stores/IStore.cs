namespace HyperBeam.Storage;

/// <summary>
/// A key-value store of binaries laid out as a tree, HyperBEAM's <c>hb_store</c> interface: values at paths,
/// groups (folders) of named children, and links from one path to another that reads follow.
/// <para>
/// A miss is a value: reads return null, <see cref="TypeAsync"/> returns <see cref="StoreEntryType.NotFound"/>.
/// Faults of the medium throw <see cref="StoreException"/>. Writes create missing parent groups. Links are
/// followed on every segment of a path, up to a hop limit, beyond which a <see cref="StoreException"/> with
/// <see cref="StoreErrorKind.LinkDepthExceeded"/> reports the cycle.
/// </para>
/// </summary>
public interface IStore : IAsyncDisposable
{
    /// <summary>A name for errors and logs, e.g. <c>rocksdb:/data/hb</c>.</summary>
    string Name { get; }

    StoreScope Scope { get; }

    bool IsWritable { get; }

    /// <summary>The value at the path after following links; null when there is none (or the path is a group).</summary>
    ValueTask<byte[]?> ReadAsync(StorePath path, CancellationToken cancellationToken = default);

    /// <summary>Writes a value, replacing a value or link at the path. A group there is an error.</summary>
    ValueTask WriteAsync(StorePath path, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Makes the group (and its parents) if missing; an existing group keeps its children.</summary>
    ValueTask MakeGroupAsync(StorePath path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes <paramref name="link"/> point at <paramref name="existing"/> (HyperBEAM's argument order), replacing a
    /// value or link there. The target need not exist yet. Linking a path to itself does nothing.
    /// </summary>
    ValueTask MakeLinkAsync(StorePath existing, StorePath link, CancellationToken cancellationToken = default);

    /// <summary>The names in the group at the path, unordered; null when the path is not a group.</summary>
    ValueTask<IReadOnlyList<string>?> ListAsync(StorePath path, CancellationToken cancellationToken = default);

    ValueTask<StoreEntryType> TypeAsync(StorePath path, CancellationToken cancellationToken = default);

    /// <summary>The path with every link along it replaced by its target (the path itself when there are none).</summary>
    ValueTask<StorePath> ResolveAsync(StorePath path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies several writes, groups and links. Stores that can (RocksDB) apply them atomically; the others apply
    /// them in order and stop at the first failure.
    /// </summary>
    ValueTask ApplyAsync(StoreBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Deletes everything in the store. Lost data can lose money: use with care.</summary>
    ValueTask ResetAsync(CancellationToken cancellationToken = default);
}
