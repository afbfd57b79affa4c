namespace HyperBeam.Node.Benchmarking;

/// <summary>The names of the rows <c>hb bench compute</c> prints, in order (the tests check each one is there).</summary>
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

    public const string AoLoader = "ao-loader 0.0.49 handle in node (same module)";
    public const string GenesisWasmDevice = "genesis-wasm@1.0 device via resolver";
    public const string GenesisWasmDeviceSnapshotsOnly = "genesis-wasm@1.0 device, memory not in state";
    public const string GenesisWasmRunner = "genesis-wasm process@1.0 step (no actors)";
    public const string GenesisWasmSnapshot = "genesis-wasm snapshot of 64 MiB memory";
    public const string GenesisWasmRestore = "genesis-wasm restore of 64 MiB memory";

    /// <summary>The genesis-wasm table's rows (beside ao-loader, then the 64 MiB snapshot and restore).</summary>
    public static IReadOnlyList<string> GenesisWasm { get; } =
        [AoLoader, GenesisWasmDevice, GenesisWasmDeviceSnapshotsOnly, GenesisWasmRunner, GenesisWasmSnapshot, GenesisWasmRestore];

    public static IReadOnlyList<string> All { get; } =
    [
        RawLua, DeviceDirect, RunnerDirect, ComputeWithSnapshots, ComputeWithoutSnapshots,
        SnapshotHeap, RestoreHeap,
        ScheduleWithSnapshots, ScheduleWithoutSnapshots,
        SchedulerRecoveryWithSnapshots, SchedulerRecoveryWithoutSnapshots,
        ComputeRecoveryWithSnapshots, ComputeRecoveryWithoutSnapshots,
    ];
}
