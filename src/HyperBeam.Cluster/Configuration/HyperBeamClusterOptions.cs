using System.Collections.Immutable;
using System.Globalization;
using Akka.Configuration;

namespace HyperBeam.Cluster.Configuration;

/// <summary>
/// How a node joins its cluster: where it listens for other nodes, which seeds it contacts, its roles, how long it
/// tries to join before it gives up, and how the storage shards replicate. Read from <c>hyperbeam.cluster</c>
/// (hocon/cluster.hocon), then <c>HB_SEEDS</c> / <c>HB_CLUSTER_PORT</c>, then <c>hb run --seed/--cluster-port</c>.
/// </summary>
public sealed record HyperBeamClusterOptions
{
    /// <summary>The actor system name every node of a cluster must share; seeds name it in their address.</summary>
    public const string DefaultSystemName = "hyperbeam";

    public const int DefaultPort = 4053;

    public const string SeedsEnv = "HB_SEEDS";

    public const string PortEnv = "HB_CLUSTER_PORT";

    public string SystemName { get; init; } = DefaultSystemName;

    /// <summary>Address the remoting transport binds to.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Address other nodes reach this one at, when it differs from <see cref="Host"/> (NAT, containers).</summary>
    public string? PublicHost { get; init; }

    /// <summary>Remoting port; 0 picks a free one (only useful for a node that others do not seed from).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Seed node addresses, <c>akka.tcp://hyperbeam@host:port</c>. Empty: the node waits to be joined.</summary>
    public ImmutableArray<string> Seeds { get; init; } = [];

    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>
    /// The node forms a cluster of its own by joining itself at start: a node that is not clustered still runs its
    /// processes in a shard region, and sharding needs a member that is up. It has no peers, so its actor system may
    /// have any name.
    /// </summary>
    public bool JoinSelf { get; init; }

    /// <summary>
    /// A node outside any cluster: remoting on loopback on a free port, no seeds, and it joins itself.
    /// </summary>
    public static HyperBeamClusterOptions SingleNode { get; } = new() { Host = "127.0.0.1", Port = 0, JoinSelf = true };

    /// <summary>
    /// How long the node tries to join its seeds before it logs why it could not and shuts down with
    /// <see cref="JoinFailureExitCode"/> (<c>akka.cluster.shutdown-after-unsuccessful-join-seed-nodes</c>).
    /// </summary>
    public TimeSpan JoinTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Process exit code of a node that gave up joining.</summary>
    public int JoinFailureExitCode { get; init; } = 3;

    /// <summary>How long membership must be stable before the split brain resolver downs the minority.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Gossip and failure-detector pace; <see cref="ClusterTimings.Fast"/> is for tests on loopback.</summary>
    public ClusterTimings Timings { get; init; } = ClusterTimings.Production;

    public StoreShardOptions Store { get; init; } = new();

    /// <summary>Reads <c>hyperbeam.cluster</c>, with hocon/cluster.hocon under whatever the configuration sets.</summary>
    public static HyperBeamClusterOptions FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = ClusterHocon.Over(config).GetConfig("hyperbeam.cluster") ?? throw new ClusterOptionsException("hyperbeam.cluster", "", "the section is missing");
        var options = new HyperBeamClusterOptions
        {
            SystemName = c.GetString("system-name", DefaultSystemName),
            Host = c.GetString("host", "127.0.0.1"),
            PublicHost = c.GetString("public-host", "") is { Length: > 0 } h ? h : null,
            Port = ParsePort(c.GetString("port", DefaultPort.ToString(CultureInfo.InvariantCulture)), "hyperbeam.cluster.port"),
            Roles = [.. c.GetStringList("roles")],
            JoinTimeout = c.GetTimeSpan("join-timeout", TimeSpan.FromSeconds(30)),
            JoinFailureExitCode = c.GetInt("join-failure-exit-code", 3),
            StableAfter = c.GetTimeSpan("stable-after", TimeSpan.FromSeconds(20)),
            Timings = ParseTimings(c.GetString("timings", "production")),
            Store = StoreShardOptions.FromConfig(c.GetConfig("store")),
        };
        // Seeds come as a HOCON list from files, and as one comma-separated string from flags and overrides.
        var seedsValue = c.GetValue("seeds");
        var seeds = seedsValue is null ? []
            : seedsValue.IsArray() ? c.GetStringList("seeds").ToArray()
            : seedsValue.GetString() is { } text ? SplitSeeds(text)
            : []; // an empty HOCON list reads as neither a list nor a string
        return options.WithSeeds(seeds);
    }

    /// <summary>
    /// Whether the configuration asks for clustering: <c>hyperbeam.cluster.enabled = on</c>, or any seed set (a flag,
    /// <c>HB_SEEDS</c>, or the file). Single nodes stay without remoting.
    /// </summary>
    public static bool IsEnabledIn(Config config)
    {
        var c = ClusterHocon.Over(config);
        return c.GetBoolean("hyperbeam.cluster.enabled") || FromConfig(config).WithEnvironment().Seeds.Length > 0;
    }

    /// <summary>Applies <c>HB_SEEDS</c> (comma-separated) and <c>HB_CLUSTER_PORT</c> when they are set.</summary>
    public HyperBeamClusterOptions WithEnvironment(Func<string, string?>? getEnvironment = null)
    {
        getEnvironment ??= Environment.GetEnvironmentVariable;
        var result = this;
        if (getEnvironment(SeedsEnv) is { Length: > 0 } seeds) result = result.WithSeeds(SplitSeeds(seeds));
        if (getEnvironment(PortEnv) is { Length: > 0 } port) result = result with { Port = ParsePort(port, PortEnv) };
        return result;
    }

    /// <summary>Sets the seeds; <c>host:port</c> is short for <c>akka.tcp://{SystemName}@host:port</c>.</summary>
    public HyperBeamClusterOptions WithSeeds(IEnumerable<string> seeds) =>
        this with { Seeds = [.. seeds.Select(s => SeedAddress.Normalize(s, SystemName))] };

    /// <summary>The address other nodes use as a seed for this node.</summary>
    public string SelfAddress => $"akka.tcp://{SystemName}@{PublicHost ?? Host}:{Port}";

    internal static string[] SplitSeeds(string text) =>
        text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ClusterTimings ParseTimings(string text) => text.ToLowerInvariant() switch
    {
        "production" => ClusterTimings.Production,
        "fast" => ClusterTimings.Fast,
        _ => throw new ClusterOptionsException("hyperbeam.cluster.timings", text, "production or fast"),
    };

    private static int ParsePort(string text, string source) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ClusterOptionsException(source, text, "a port number between 0 and 65535");
}
