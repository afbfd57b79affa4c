namespace HyperBeam.Storage;

/// <summary>
/// One store of a node's chain, as configuration gives it (bound from HOCON by the hosting layer).
/// Only the settings that apply to <see cref="Type"/> may be set; <see cref="StoreFactory"/> rejects the rest
/// rather than silently ignore a setting the operator thinks is in force.
/// </summary>
public sealed record StoreOptions
{
    /// <summary><c>rocksdb</c>, <c>fs</c>, <c>memory</c> or <c>gateway</c> (<see cref="StoreTypes"/>).</summary>
    public required string Type { get; init; }

    /// <summary>rocksdb, fs: the folder, absolute or relative to the data folder; default the type's name.</summary>
    public string? Path { get; init; }

    /// <summary>memory: the byte budget; default 512 MiB.</summary>
    public long? MaxBytes { get; init; }

    /// <summary>gateway, remote-node: the base URL (required).</summary>
    public string? Url { get; init; }

    /// <summary>gateway: the HTTP timeout; default 30 s.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// gateway: write what is fetched into the chain's writable local stores. Default: on when the chain has one.
    /// </summary>
    public bool? WriteThrough { get; init; }

    /// <summary>rocksdb, fs: sync every write to the disk; default off.</summary>
    public bool? SyncWrites { get; init; }

    /// <summary>rocksdb, fs, memory: link hops allowed per operation; default 64.</summary>
    public int? MaxLinkDepth { get; init; }

    /// <summary>rocksdb, fs, memory: open the store but take no writes through it.</summary>
    public bool? ReadOnly { get; init; }
}
