namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// The genesis-wasm rows of one <c>hb bench compute</c> run: ao-loader's rate on the counter (null, with the reason,
/// when Node.js or the package was not there), this node's on the same module and message, and the 64 MiB snapshot.
/// </summary>
public sealed record GenesisWasmBenchResult(
    ComputeBenchResult? AoLoader,
    string? AoLoaderUnavailable,
    ComputeBenchResult Device,
    ComputeBenchResult DeviceSnapshotsOnly,
    ComputeBenchResult Runner,
    SnapshotBenchResult Snapshot);
