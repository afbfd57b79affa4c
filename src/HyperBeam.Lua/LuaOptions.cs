namespace HyperBeam.Lua;

/// <summary>
/// Limits and sandbox of the <c>lua@5.3a</c> device. They are the node operator's choice: a message cannot loosen
/// them (a base message's <c>sandbox</c> list can only add names).
/// </summary>
public sealed record LuaOptions
{
    /// <summary>
    /// The names scripts may not use, as dotted paths from the globals (<c>os.execute</c>). HyperBEAM's default list
    /// less what AOS needs and the engine makes safe: <c>package</c> and <c>require</c> (only <c>package.loaded</c> and
    /// <c>package.preload</c>, never a file), <c>load</c> (text chunks only) and <c>io</c> (only <c>io.write</c>, to the
    /// call's output). <c>debug</c> is hidden whatever this says (the engine does not even have it).
    /// </summary>
    public static IReadOnlyList<string> DefaultSandboxedNames { get; } =
    [
        "file", "os.execute", "os.exit", "os.getenv", "os.remove", "os.rename", "os.tmpname",
        "loadfile", "dofile", "loadstring", "io.open", "io.popen", "io.read", "io.lines", "io.input", "io.output",
        "io.tmpfile", "package.loadlib", "package.searchpath",
    ];

    // Declared after the names it copies: static initialisers run in text order.
    public static LuaOptions Default { get; } = new();

    /// <summary>
    /// Lua VM instructions one call may run (nested calls on the same VM share it), as Wasmtime fuel: each unit is
    /// <see cref="Engine.LuaWasmInterpreter.FuelPerInstruction"/> fuel, and the fuel also pays for the C library's and the
    /// collector's work, so it is an approximate count of Lua instructions.
    /// </summary>
    public long InstructionBudget { get; init; } = 100_000_000;

    /// <summary>
    /// Bytes Lua may allocate in one VM (counted exactly by the engine's allocator); a script that needs more fails
    /// its call and the VM is discarded. The VM's linear memory is capped a little above it (default 256 MiB).
    /// </summary>
    public long MemoryLimitBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Whether <see cref="SandboxedNames"/> are replaced by functions that raise an error.</summary>
    public bool Sandbox { get; init; } = true;

    public IReadOnlyList<string> SandboxedNames { get; init; } = DefaultSandboxedNames;

    /// <summary>Longest one top-level call may run (an epoch deadline in the engine), whatever its budget.</summary>
    public TimeSpan WallTimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bytes of <c>print</c>/<c>io.write</c> output one call keeps.</summary>
    public int MaxOutputBytes { get; init; } = 1 << 20;

    /// <summary>
    /// How many calls a VM makes between checkpoints of its memory (a copy of it: 1000 keeps that under a few µs per call). A call that runs away (budget, wall time, memory)
    /// is undone by restoring the last checkpoint and replaying the calls since, so a process keeps every global it
    /// had before that call; 0 turns this off (the VM is then rebuilt from its modules, its globals lost).
    /// </summary>
    public int RecoveryCheckpointEvery { get; init; } = 1000;

    /// <summary>
    /// Most VMs (one per distinct set of modules) one device keeps; beyond it the least recently used is disposed with
    /// its engine memory and thread. A compute worker's device serves one process, so this bounds what many distinct
    /// modules sent to a shared device can hold.
    /// </summary>
    public int MaxVms { get; init; } = 16;

    /// <summary>
    /// Most engine memory (bytes of linear memory, all VMs together) one device keeps: beyond it the least recently used
    /// VMs are disposed, when a VM is added and after each call (the VM that made it stays).
    /// </summary>
    public long MaxVmBytes { get; init; } = 1L << 30;

    /// <summary>
    /// Stack size of each VM's thread (host callbacks nest resolutions on it). The thread only ever runs metered
    /// engine code or waits for the resolver: it never burns a core after a call ends.
    /// </summary>
    public int ThreadStackBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Where a snapshot captured for packing later is packed (tests hold it to see what waits for it).</summary>
    internal TaskScheduler SnapshotPackScheduler { get; init; } = TaskScheduler.Default;

    /// <summary>
    /// Most bytes of captured snapshots one VM keeps out, neither packed nor dropped (pooled copies of the engine's
    /// non-zero pages, in 1 MiB blocks); past it the next snapshot is packed in place. One capture is always allowed.
    /// </summary>
    internal long MaxCapturedBytesOut { get; init; } = 32L << 20;
}
