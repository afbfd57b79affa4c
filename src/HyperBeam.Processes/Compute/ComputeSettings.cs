using HyperBeam.Core.Devices;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// How a process computes: which devices its state resolves with, where results per slot are kept, how often the
/// state is snapshotted, and how long a slot may run before its worker is replaced.
/// </summary>
public sealed record ComputeSettings
{
    /// <summary>
    /// Factories of execution devices (Lua, Wasm…) that hold per-process state such as a VM: each compute worker
    /// creates its own instances and disposes them (if <see cref="IDisposable"/>/<see cref="IAsyncDisposable"/>) when
    /// it stops or restarts. They are added to <see cref="Devices"/>, replacing devices of the same name.
    /// </summary>
    public IReadOnlyList<Func<Device>> ExecutionDevices { get; init; } = [];

    /// <summary>The node's devices (stack@1.0, dedup@1.0, patch@1.0, push@1.0, …) the execution stack resolves with.</summary>
    public DeviceRegistry Devices { get; init; } = DeviceRegistry.Preloaded;

    /// <summary>Options of every execution step (the node message, the resolution cache); hashpaths are not computed.</summary>
    public ResolveOptions Options { get; init; } = ResolveOptions.Default;

    /// <summary>Where the state after each slot is kept (HyperBEAM's <c>computed/&lt;process&gt;/slot/&lt;n&gt;</c>); null keeps none.</summary>
    public MessageCache? Results { get; init; }

    /// <summary>The state is snapshotted to the Akka snapshot store every this many slots.</summary>
    public int SnapshotInterval { get; init; } = 16;

    /// <summary>
    /// Snapshot writes out to the store at once; a snapshot due while they are all out waits for one to end, and a
    /// newer one replaces it (compute never waits for the store; memory stays bounded).
    /// </summary>
    public int MaxSnapshotWrites { get; init; } = 1;

    /// <summary>
    /// The least time between the starts of two snapshot writes of one process: a write holds its place among the
    /// <see cref="MaxSnapshotWrites"/> for at least this long, and the snapshots due meanwhile wait (newest wins). A
    /// busy process is due a snapshot every <see cref="SnapshotInterval"/> slots, hundreds a second, and writing each
    /// (packed, stored, synced) cost about as much processor time as the slots it covered; a restart re-runs at most this
    /// long's worth of slots more. Zero: a write starts as soon as the one before it ended.
    /// </summary>
    public TimeSpan MinSnapshotSpacing { get; init; } = DefaultMinSnapshotSpacing;

    /// <summary>The default <see cref="MinSnapshotSpacing"/>: at most ten snapshot writes a second per process.</summary>
    public static TimeSpan DefaultMinSnapshotSpacing { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Older snapshots are deleted (in the background, by the store) after this many newer ones were stored.</summary>
    public int PruneSnapshotsAfter { get; init; } = 4;

    /// <summary>
    /// Slots a worker computes straight on after the one it was sent, each answered as it is done (the scheduled
    /// assignments the computer holds, consecutive): no round trip through the computer per slot.
    /// </summary>
    public int StepsAhead { get; init; } = 64;

    /// <summary>
    /// The next page of the schedule is asked for when no more than this many assignments are held and more are
    /// scheduled, so it arrives while the worker computes those (0: only when none is left).
    /// </summary>
    public int ReadAheadBelow { get; init; } = 500;

    /// <summary>Result cache writes out at once before the next piece of work waits for one to end.</summary>
    public int MaxResultWrites { get; init; } = 64;

    /// <summary>Longest time one slot (or init) may run before its worker is restarted and the slot retried.</summary>
    public TimeSpan SlotTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a slot whose worker crashed or timed out is retried before it gets an error result.</summary>
    public int RetryCount { get; init; } = 2;

    /// <summary>Longest wait for a page of assignments from the scheduler.</summary>
    public TimeSpan ScheduleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Back-off of the worker's supervisor between restarts.</summary>
    public TimeSpan MinRestartBackoff { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan MaxRestartBackoff { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Checks the values so a misconfiguration fails when the node starts, not on the first compute.</summary>
    public ComputeSettings Validate()
    {
        ArgumentNullException.ThrowIfNull(ExecutionDevices);
        ArgumentNullException.ThrowIfNull(Devices);
        ArgumentNullException.ThrowIfNull(Options);
        ArgumentOutOfRangeException.ThrowIfLessThan(SnapshotInterval, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSnapshotWrites, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PruneSnapshotsAfter, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSnapshotSpacing, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(StepsAhead);
        ArgumentOutOfRangeException.ThrowIfNegative(ReadAheadBelow);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResultWrites, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SlotTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(RetryCount);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ScheduleTimeout, TimeSpan.Zero);
        return this;
    }
}
