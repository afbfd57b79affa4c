namespace HyperBeam.Node.Benchmarking;

/// <summary>How <c>hb bench compute</c> runs: how many slots the recovery scenarios schedule, and how long each baseline runs.</summary>
public sealed record ComputeBenchOptions
{
    public const int DefaultSlots = 100_000;
    public const int QuickSlots = 10_000;

    /// <summary>Messages scheduled (slots 1..N after the process at slot 0), computed, then recovered.</summary>
    public int Slots { get; init; } = DefaultSlots;

    /// <summary>Measured time of each in-process baseline (raw Lua call, direct device call, direct execution runner).</summary>
    public TimeSpan BaselineDuration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The compute snapshot interval of the "with snapshots" scenario (the node's default).</summary>
    public int ComputeSnapshotEvery { get; init; } = 16;

    /// <summary>The scheduler's snapshot interval of the "with snapshots" scenario (the node's default).</summary>
    public int SchedulerSnapshotEvery { get; init; } = 1000;

    /// <summary>Only the Lua rows: no 10 MB heap snapshot rows and no genesis-wasm table (faster iterations).</summary>
    public bool LuaOnly { get; init; }

    /// <summary>
    /// The longest warm-up of each scenario: rounds of a fresh process on the same path (actor system, journal,
    /// snapshot store) until the JIT is quiet (<see cref="JitWarmup"/>); zero measures cold.
    /// </summary>
    public TimeSpan Warmup { get; init; } = JitWarmup.DefaultLimit;

    /// <summary>Schedule requests kept in flight while the assignments are written.</summary>
    public int Clients { get; init; } = 64;
}
