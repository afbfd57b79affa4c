using System.Globalization;
using Akka.Cluster.Sharding;
using HyperBeam.Cluster.Storage.Protocol;

namespace HyperBeam.Cluster.Storage;

/// <summary>Routes store commands: shard = hash of the key; one entity per shard owns all of its keys.</summary>
public sealed class StoreShardExtractor(int shards) : IMessageExtractor
{
    public string? EntityId(object message) => message switch
    {
        IStoreShardCommand c => ShardOfKey(c.Key),
        _ => null,
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => message switch
    {
        IStoreShardCommand c => ShardOfKey(c.Key),
        _ => null,
    };

    // The entity ID is the shard number itself.
    public string ShardId(string entityId, object? messageHint = null) => entityId;

    private string ShardOfKey(string key) => StoreKeys.ShardOf(key, shards).ToString(CultureInfo.InvariantCulture);
}
