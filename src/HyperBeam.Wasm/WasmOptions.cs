namespace HyperBeam.Wasm;

/// <summary>
/// Limits and engine settings of one <see cref="WasmDevice"/>. Every call gets <see cref="FuelPerCall"/> afresh, so a
/// runaway loop ends with an <c>out-of-fuel</c> error instead of pinning a core; linear memory and tables cannot grow
/// past their limits (a <c>memory.grow</c> beyond <see cref="MaxMemoryBytes"/> returns -1 to the module).
/// </summary>
public sealed record WasmOptions
{
    public static WasmOptions Default { get; } = new();

    /// <summary>Wasmtime fuel given to each call (roughly one unit per executed instruction).</summary>
    public ulong FuelPerCall { get; init; } = 1_000_000_000;

    /// <summary>Largest size any linear memory of an instance may reach, in bytes.</summary>
    public long MaxMemoryBytes { get; init; } = 1L << 30;

    /// <summary>Largest number of elements any table of an instance may hold.</summary>
    public uint MaxTableElements { get; init; } = 100_000;

    /// <summary>Accept the memory64 proposal (64-bit linear memory), as HyperBEAM's <c>wasm-64@1.0</c> expects.</summary>
    public bool Memory64 { get; init; } = true;

    /// <summary>Let Cranelift optimise generated code (slower compiles, faster runs); off compiles quickest.</summary>
    public bool OptimizeCode { get; init; } = true;

    /// <summary>Deepest wasm call stack, in bytes; the instance thread's own stack is sized well above it.</summary>
    public int MaxWasmStackBytes { get; init; } = 1 << 20;

    /// <summary>
    /// Most instances no process owns (direct <c>init</c> calls, and every instance of a device shared by requests)
    /// kept live at once; beyond it the least recently used one is disposed. An instance a call is using is never
    /// disposed under it, and the one used last is always kept.
    /// </summary>
    public int MaxPooledInstances { get; init; } = 16;

    /// <summary>
    /// Most bytes the instances no process owns may hold at once: their exported linear memories as they are now,
    /// plus the stack reserved for each instance's thread. Beyond it the least recently used ones are disposed.
    /// </summary>
    public long MaxPooledBytes { get; init; } = 1L << 30;

    internal int ThreadStackBytes => Math.Max(MaxWasmStackBytes, 1 << 20) + (4 << 20);
}
