namespace HyperBeam.Node.Benchmarking;

/// <summary>The names of the rows <c>hb bench compute</c> prints, in order (the test checks each one is there).</summary>
public static class ComputeBenchRows
{
    public const string RawLua = "raw lua53.wasm call of compute (no conversion)";
    public const string DeviceDirect = "lua@5.3a device via resolver (conversion)";
    public const string RunnerDirect = "process@1.0 step via ExecutionRunner (no actors)";
    public const string SnapshotHeap = "lua@5.3a snapshot of a 10 MB heap";
    public const string RestoreHeap = "lua@5.3a restore of a 10 MB heap";
    public const string ComputeWithSnapshots = "actors + SQLite, compute snapshots";
    public const string ComputeWithoutSnapshots = "actors + SQLite, no compute snapshots";

    public const string ScheduleWithSnapshots = "schedule N, scheduler snapshots";
    public const string ScheduleWithoutSnapshots = "schedule N, no scheduler snapshots";
    public const string SchedulerRecoveryWithSnapshots = "scheduler recovery from snapshot";
    public const string SchedulerRecoveryWithoutSnapshots = "scheduler recovery, journal replay";
    public const string ComputeRecoveryWithSnapshots = "last slot after restart, from snapshot";
    public const string ComputeRecoveryWithoutSnapshots = "last slot after restart, re-run all";

    public static IReadOnlyList<string> All { get; } =
    [
        RawLua, DeviceDirect, RunnerDirect, ComputeWithSnapshots, ComputeWithoutSnapshots,
        SnapshotHeap, RestoreHeap,
        ScheduleWithSnapshots, ScheduleWithoutSnapshots,
        SchedulerRecoveryWithSnapshots, SchedulerRecoveryWithoutSnapshots,
        ComputeRecoveryWithSnapshots, ComputeRecoveryWithoutSnapshots,
    ];
}
