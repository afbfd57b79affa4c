namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// What the garbage collector did so far in this process: bytes allocated (all threads) and collections by
/// generation, and how long they paused the process. Per operation, allocation is a steadier figure than a rate on
/// a shared machine, and what a row allocates is what its collections (and the threads they pause) cost.
/// </summary>
public readonly record struct GcActivity(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcActivity Now() =>
        new(GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcActivity operator -(GcActivity later, GcActivity earlier) =>
        new(later.AllocatedBytes - earlier.AllocatedBytes, later.Gen0 - earlier.Gen0, later.Gen1 - earlier.Gen1, later.Gen2 - earlier.Gen2,
            later.Paused - earlier.Paused);

    /// <summary>"N KB allocated per <paramref name="unit"/>, collections gen0/gen1/gen2 a/b/c, paused P ms".</summary>
    public string Describe(long operations, string unit) =>
        $"{(operations > 0 ? AllocatedBytes / 1024.0 / operations : 0):0.0} KB allocated per {unit}, collections gen0/gen1/gen2 {Gen0}/{Gen1}/{Gen2}, paused {Paused.TotalMilliseconds:0} ms";
}
