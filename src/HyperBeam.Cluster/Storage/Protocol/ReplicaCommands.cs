using System.Collections.Immutable;

namespace HyperBeam.Cluster.Storage.Protocol;

/// <summary>Sent by a shard's owner to another node's replica: store these changes too. Replies <see cref="ReplicaApplied"/>.</summary>
public sealed record ReplicaApply(string Key, ImmutableArray<StoreChange> Changes) : IStoreWireMessage;

public sealed record ReplicaApplied(string Key) : IStoreWireMessage;

/// <summary>Read-repair: everything this node holds under <see cref="Key"/>. Replies <see cref="ReplicaExported"/> (empty when none).</summary>
public sealed record ReplicaExport(string Key) : IStoreWireMessage;

public sealed record ReplicaExported(string Key, ImmutableArray<StoreChange> Changes) : IStoreWireMessage;
