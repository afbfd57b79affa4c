namespace HyperBeam.Node.Benchmarking.External;

/// <summary>How <c>hb bench http-external</c> loads each target; every row uses the same wrk settings.</summary>
public sealed record ExternalHttpBenchOptions
{
    public int Threads { get; init; } = 2;

    public int Connections { get; init; } = 16;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>An unmeasured wrk run of the same script before each measured one (JIT, connections, caches).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Distinct signed requests signed before the run (rounded up to a multiple of <see cref="Threads"/>).</summary>
    public int SignedPool { get; init; } = 512;

    public WrkSettings Wrk => new(Threads, Connections, TimeSpan.FromSeconds(10));

    /// <summary><see cref="SignedPool"/> rounded up so that every wrk thread gets an equal, disjoint share.</summary>
    public int SignedPoolSize => (SignedPool + Threads - 1) / Threads * Threads;
}
