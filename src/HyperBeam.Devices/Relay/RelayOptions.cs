using HyperBeam.Core.Resolution;

namespace HyperBeam.Devices.Relay;

/// <summary>How <c>relay@1.0</c> talks to peers: the pooled client's limits and the per-request timeout.</summary>
public sealed record RelayOptions
{
    /// <summary>How long one relayed request may take, reply included; past it the result is unavailable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long opening a connection may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a pooled connection lives, so DNS changes are picked up.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an idle pooled connection is kept.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Concurrent connections per peer.</summary>
    public int MaxConnectionsPerServer { get; init; } = 64;

    /// <summary>The largest reply accepted; a larger one is a failed relay.</summary>
    public long MaxReplyBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Told the outcome of every <c>cast</c> once it is known (for logging; runs on a pool thread).</summary>
    public Action<ResolveResult>? CastCompleted { get; init; }
}
