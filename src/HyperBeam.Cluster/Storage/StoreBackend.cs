using HyperBeam.Cluster.Configuration;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Storage;

/// <summary>
/// This node's share of the cluster store: the local backend that every store shard hosted here and the replica
/// actor write to (their keys never overlap, so one store serves all), and the shard settings.
/// </summary>
public sealed record StoreBackend(IStore Store, StoreShardOptions Options);
