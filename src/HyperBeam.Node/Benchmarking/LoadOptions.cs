namespace HyperBeam.Node.Benchmarking;

/// <summary>How hard and how long to load one target.</summary>
public sealed record LoadOptions
{
    /// <summary>Concurrent workers, each with at most one request in flight (one pooled connection each).</summary>
    public int Connections { get; init; } = 16;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load sent before measuring (JIT, connection set-up, caches), not counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A hard cap on measured requests per run, so that no run is unbounded however fast the target answers.</summary>
    public long MaxRequests { get; init; } = 10_000_000;
}
