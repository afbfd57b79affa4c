namespace HyperBeam.Cluster.Configuration;

/// <summary>The pace of gossip, failure detection and shard hand-over.</summary>
public enum ClusterTimings
{
    /// <summary>Akka's defaults: tolerant of GC pauses and busy networks (seconds to notice a dead node).</summary>
    Production,

    /// <summary>
    /// Loopback clusters in tests and samples: forms in well under a second and notices a dead node in about two,
    /// at the cost of false alarms on a loaded network.
    /// </summary>
    Fast,
}
