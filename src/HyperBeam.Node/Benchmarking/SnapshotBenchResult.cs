namespace HyperBeam.Node.Benchmarking;

/// <summary>The snapshot and restore rows of a grown process memory: <paramref name="MemoryBytes"/> of memory, <paramref name="CompressedBytes"/> as snapshotted.</summary>
public sealed record SnapshotBenchResult(ComputeBenchResult Snapshot, ComputeBenchResult Restore, long MemoryBytes, long CompressedBytes);
