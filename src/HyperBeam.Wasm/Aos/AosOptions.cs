using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Aos;

/// <summary>Limits of <see cref="GenesisWasmDevice"/>: the emscripten host's (fuel, wall time, memory cap per process) and how many processes one device keeps live.</summary>
public sealed record AosOptions
{
    public static AosOptions Default { get; } = new();

    /// <summary>Fuel and wall time per message, memory cap per process, output cap.</summary>
    public EmscriptenOptions Host { get; init; } = EmscriptenOptions.Default;

    /// <summary>Most process instances one device keeps; beyond it the least recently used is dropped (its process resumes from its next snapshot).</summary>
    public int MaxInstances { get; init; } = 16;

    /// <summary>Most compiled modules kept per engine (by module ID: a second spawn of a module compiles nothing).</summary>
    public int MaxModules { get; init; } = 32;

    /// <summary>
    /// Largest memory carried in every computed state (compressed, as <c>genesis-wasm-state</c>): a state read back
    /// from the node's result cache after a restart then resumes without replaying. Larger memories are kept only at
    /// the compute snapshots.
    /// </summary>
    public long InlineStateBytes { get; init; } = 8L << 20;

    /// <summary>Largest JSON result a module may return, in bytes.</summary>
    public int MaxResultBytes { get; init; } = 16 << 20;
}
