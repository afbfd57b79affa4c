namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// Limits of the emscripten/WASI host. Every top-level call gets <see cref="FuelPerCall"/> afresh and a wall-time
/// deadline (Wasmtime's epoch interruption), so no call can pin a core; a memory cannot grow past
/// <see cref="MaxMemoryBytes"/> (the module's <c>malloc</c> then fails, which the module reports as out of memory).
/// </summary>
public sealed record EmscriptenOptions
{
    public static EmscriptenOptions Default { get; } = new();

    /// <summary>Wasmtime fuel given to each top-level call (roughly one unit per executed instruction).</summary>
    public ulong FuelPerCall { get; init; } = 2_000_000_000;

    /// <summary>Longest a top-level call may run, whatever its fuel; checked every <see cref="EmscriptenRuntime.EpochTick"/>.</summary>
    public TimeSpan WallTimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest size the linear memory of one instance may reach, in bytes (default 256 MiB).</summary>
    public long MaxMemoryBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Bytes of <c>fd_write</c> output one call keeps; the rest is counted and dropped.</summary>
    public int MaxOutputBytes { get; init; } = 1 << 20;

    /// <summary>Deepest wasm call stack, in bytes.</summary>
    public int MaxWasmStackBytes { get; init; } = 1 << 20;

    /// <summary>Accept 64-bit memories (the memory64 proposal), as AOS wasm64 modules need.</summary>
    public bool Memory64 { get; init; } = true;
}
