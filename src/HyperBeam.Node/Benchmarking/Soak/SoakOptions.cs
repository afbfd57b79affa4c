namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>How long and how hard <c>hb bench soak</c> loads the node, and how often it samples its memory.</summary>
public sealed record SoakOptions
{
    /// <summary>Measured time after the warm-up, sampled throughout.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Load before the first sample: JIT, thread pool growth, caches filling to their bounds.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>GETs per second: the info page and distinct message resolutions, half each.</summary>
    public int GetsPerSecond { get; init; } = 150;

    /// <summary>Signed messages scheduled per second on the soak's process.</summary>
    public int SchedulesPerSecond { get; init; } = 8;

    /// <summary>Computes per second of the process's newest slot (computing what was scheduled since).</summary>
    public int ComputesPerSecond { get; init; } = 2;

    /// <summary>Requests of one kind in flight at most; a tick finding them all busy is counted as skipped, not queued.</summary>
    public int MaxInFlight { get; init; } = 64;

    /// <summary>RSS may grow by this fraction from the first quarter of the samples to the last and still be flat.</summary>
    public double Tolerance { get; init; } = 0.10;
}
