namespace HyperBeam.Node.Benchmarking;

/// <summary>Everything one <c>hb bench compute</c> run measured: the baselines, both recovery scenarios, and the genesis-wasm rows.</summary>
public sealed record ComputeBenchRun(
    ComputeBenchResult RawLua,
    ComputeBenchResult Device,
    ComputeBenchResult Runner,
    LuaHeapSnapshotResult LuaState,
    ComputeScenarioResult WithSnapshots,
    ComputeScenarioResult WithoutSnapshots,
    GenesisWasmBenchResult GenesisWasm);
