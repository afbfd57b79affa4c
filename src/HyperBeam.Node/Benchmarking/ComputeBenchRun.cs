namespace HyperBeam.Node.Benchmarking;

/// <summary>Everything one <c>hb bench compute</c> run measured: the baselines, both recovery scenarios, and the genesis-wasm rows (the heap and genesis-wasm rows null under <c>--lua-only</c>).</summary>
public sealed record ComputeBenchRun(
    ComputeBenchResult RawLua,
    ComputeBenchResult Device,
    ComputeBenchResult Runner,
    LuaHeapSnapshotResult? LuaState,
    ComputeScenarioResult WithSnapshots,
    ComputeScenarioResult WithoutSnapshots,
    GenesisWasmBenchResult? GenesisWasm);
