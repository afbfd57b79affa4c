using System.Collections.Immutable;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Storage.Protocol;

public enum StoreQueryKind
{
    Read,
    Type,
    List,
    Resolve,
}

/// <summary>
/// A read of <see cref="Path"/> at the shard that owns <see cref="Key"/>. Replies <see cref="StoreAnswer"/>, or
/// <see cref="StoreRedirect"/> when links lead to a path another shard owns, or <see cref="StoreFailed"/>.
/// </summary>
public sealed record StoreQuery(string Key, StoreQueryKind Kind, string Path) : IStoreShardCommand;

/// <summary>
/// The answer to a <see cref="StoreQuery"/>: the type at the resolved path, and the value (Read) or the names (List).
/// </summary>
public sealed record StoreAnswer(StoreEntryType Type, string Resolved, byte[]? Value = null, IReadOnlyList<string>? Names = null) : IStoreWireMessage;

/// <summary>Links led to <see cref="Path"/>, which another shard owns: ask there.</summary>
public sealed record StoreRedirect(string Path) : IStoreWireMessage;

/// <summary>Applies changes, all under <see cref="Key"/>, at its shard and its replicas. Replies <see cref="StoreApplied"/>.</summary>
public sealed record StoreApply(string Key, ImmutableArray<StoreChange> Changes) : IStoreShardCommand;

/// <summary>The changes are stored on <see cref="Copies"/> nodes (the owner and the replicas that acknowledged).</summary>
public sealed record StoreApplied(string Key, int Copies) : IStoreWireMessage;

/// <summary>A store call failed at the shard: the backend threw, or the path was invalid.</summary>
public sealed record StoreFailed(string Key, string Reason) : IStoreWireMessage;
