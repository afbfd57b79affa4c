using Akka.Configuration;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Node;

namespace HyperBeam.Hosting.Modules.Cluster;

/// <summary>
/// Options for a whole node clustered on loopback, as <c>hb bench cluster</c> and the cluster tests start several in
/// one process: HTTP on 127.0.0.1 port 0, fast cluster timings (stable-after 1 s), warnings-only logging, its own data
/// folder, and the shared PostgreSQL journal when a connection string is given.
/// </summary>
public static class LoopbackClusterNode
{
    /// <param name="seed">The seed's address, or <c>host:port</c>.</param>
    /// <param name="extraHocon">More settings, over these (e.g. a transport adapter or a system name).</param>
    public static NodeOptions Options(int clusterPort, string seed, string dataDir, string keyFile, string? postgres = null, string? extraHocon = null)
    {
        var journal = postgres is null
            ? ""
            : $"hyperbeam.persistence.postgres.connection-string = \"{postgres.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        var hocon = $$"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            hyperbeam.cluster {
              enabled = on
              port = {{clusterPort}}
              seeds = ["{{seed}}"]
              timings = fast
              stable-after = 1s
              join-timeout = 60s
            }
            {{journal}}
            {{extraHocon ?? ""}}
            """;
        var config = ConfigurationFactory.ParseString(hocon).WithFallback(NodeConfiguration.Defaults);
        return NodeConfiguration.FromConfig(config, host: "127.0.0.1") with { Port = 0, DataDir = dataDir, KeyFile = keyFile };
    }
}
