using Akka.Configuration;

namespace HyperBeam.Cluster.Configuration;

/// <summary>The embedded hocon/cluster.hocon and hocon/persistence-postgres.hocon, and the timing presets.</summary>
public static class ClusterHocon
{
    public static Config Defaults { get; } = ConfigurationFactory.ParseString(Read("HyperBeam.cluster.hocon"));

    public static Config Postgres { get; } = ConfigurationFactory.ParseString(Read("HyperBeam.persistence-postgres.hocon"));

    /// <summary>
    /// Loopback pace: gossip and leader actions every 100 ms, a dead node suspected after about three seconds (room
    /// for GC pauses on a busy test machine), the split brain resolver acting after stable-after, shards handed over
    /// without the production back-offs. Akka's guard that downs every node when reachability keeps changing
    /// (<c>down-all-when-unstable</c>, derived from stable-after: about five seconds here) is off: on loopback,
    /// flapping means a starved CPU, not a network splitting, and downing the whole cluster for it is never right.
    /// </summary>
    public const string FastTimings = """
        akka.cluster {
          periodic-tasks-initial-delay = 0s
          gossip-interval = 100ms
          leader-actions-interval = 100ms
          unreachable-nodes-reaper-interval = 100ms
          seed-node-timeout = 500ms
          retry-unsuccessful-join-after = 500ms
          failure-detector {
            heartbeat-interval = 100ms
            acceptable-heartbeat-pause = 3s
            expected-response-after = 200ms
          }
          sharding {
            retry-interval = 200ms
            shard-start-timeout = 1s
            rebalance-interval = 1s
            coordinator-failure-backoff = 200ms
            waiting-for-state-timeout = 1s
            updating-state-timeout = 2s
            entity-restart-backoff = 200ms
          }
          split-brain-resolver.down-all-when-unstable = off
          singleton.hand-over-retry-interval = 200ms
          singleton-proxy.singleton-identification-interval = 200ms
          distributed-data.gossip-interval = 200ms
        }
        akka.remote.retry-gate-closed-for = 200ms
        """;

    /// <summary>The configuration with cluster.hocon beneath it (Akka's empty config cannot take a fallback).</summary>
    public static Config Over(Config config) => config.IsEmpty ? Defaults : config.WithFallback(Defaults);

    private static string Read(string resource)
    {
        using var stream = typeof(ClusterHocon).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from {typeof(ClusterHocon).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
