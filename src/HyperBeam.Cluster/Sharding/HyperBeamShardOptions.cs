using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;

namespace HyperBeam.Cluster.Sharding;

/// <summary>The one shard policy of the project: coordinator state in distributed data, nothing durable, no remembered entities.</summary>
public static class HyperBeamShardOptions
{
    /// <remarks>
    /// The empty durable key list (akka.cluster.sharding.distributed-data.durable.keys = []) that keeps the LMDB
    /// store from ever starting is in hocon/cluster.hocon, which <c>WithHyperBeamCluster</c> adds.
    /// </remarks>
    public static ShardOptions Create(string? role = null) => new()
    {
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = false,
        Role = role,
    };
}
