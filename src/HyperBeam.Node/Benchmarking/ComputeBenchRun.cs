namespace HyperBeam.Node.Benchmarking;

/// <summary>Everything one <c>hb bench compute</c> run measured: the baselines, then both recovery scenarios.</summary>
public sealed record ComputeBenchRun(
    ComputeBenchResult RawLua,
    ComputeBenchResult Device,
    ComputeBenchResult Runner,
    LuaHeapSnapshotResult LuaState,
    ComputeScenarioResult WithSnapshots,
    ComputeScenarioResult WithoutSnapshots);
