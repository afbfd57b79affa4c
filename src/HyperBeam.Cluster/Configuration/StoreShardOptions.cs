using Akka.Configuration;

namespace HyperBeam.Cluster.Configuration;

/// <summary>The <c>store</c> shard region: <c>hyperbeam.cluster.store</c>.</summary>
public sealed record StoreShardOptions
{
    /// <summary>Copies of each entry on distinct nodes (the shard's owner plus R−1 replicas).</summary>
    public int Replicas { get; init; } = 2;

    /// <summary>Shards the key space is cut into; fixed for the life of a cluster (changing it moves every key).</summary>
    public int Shards { get; init; } = 64;

    /// <summary>Values each shard keeps in its read cache in front of the node's backend.</summary>
    public int LruEntries { get; init; } = 1024;

    /// <summary>How long a store call waits for its shard (and a shard for its replicas).</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static StoreShardOptions FromConfig(Config? config)
    {
        if (config is null) return new StoreShardOptions();
        var options = new StoreShardOptions
        {
            Replicas = config.GetInt("replicas", 2),
            Shards = config.GetInt("shards", 64),
            LruEntries = config.GetInt("lru-entries", 1024),
            AskTimeout = config.GetTimeSpan("ask-timeout", TimeSpan.FromSeconds(10)),
        };
        if (options.Replicas < 1) throw new ClusterOptionsException("hyperbeam.cluster.store.replicas", options.Replicas.ToString(), "1 or more");
        if (options.Shards < 1) throw new ClusterOptionsException("hyperbeam.cluster.store.shards", options.Shards.ToString(), "1 or more");
        if (options.LruEntries < 0) throw new ClusterOptionsException("hyperbeam.cluster.store.lru-entries", options.LruEntries.ToString(), "0 or more");
        return options;
    }
}
