using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// Which states the execution devices can continue from, for devices that keep state outside the message (lua@5.3a's
/// globals, an AOS instance's memory): the state the current worker holds live (the last it produced, or an error
/// result that left its devices as they were), and the latest state that carries the devices' <c>snapshot</c> (kept
/// in memory at each snapshot slot and at recovery). A state read from the result cache, or any state once the worker
/// restarted with fresh devices, is neither: the computer rewinds to the newest of the two at or below the slot it
/// needs (or to init when there is none) and computes forward — deterministic, so the results are the same bytes.
/// Whether the devices keep such state is learnt from the snapshots (a snapshot slot that yields none says they do
/// not); until known they are assumed to.
/// </summary>
internal sealed class ExecutableState
{
    private bool? _keepsOutsideState;
    private (Message State, long Slot)? _live;
    private (Message State, long Slot)? _anchor;

    /// <summary>The slot of the latest state with the devices' snapshot (<see cref="long.MinValue"/>: none).</summary>
    public long AnchorSlot => _anchor?.Slot ?? long.MinValue;

    /// <summary>The compute snapshot the computer recovered from (with the devices' snapshot, if they gave one).</summary>
    public void Recovered(Message state, long slot)
    {
        _keepsOutsideState = state.ContainsKey(ProcessStateKeys.Snapshot);
        _anchor = _keepsOutsideState == true ? (state, slot) : null;
        _live = null;
    }

    /// <summary>
    /// The devices could not restore <paramref name="state"/>: it is no longer a point to rewind to (nor is any state
    /// carrying the same snapshot), so a rewind goes further back, to init at worst, and cannot come back to it.
    /// </summary>
    public void Unrestorable(Message state)
    {
        var snapshot = state.Get(ProcessStateKeys.Snapshot);
        if (_anchor is { } anchor && (ReferenceEquals(anchor.State, state) || (snapshot is not null && ReferenceEquals(anchor.State.Get(ProcessStateKeys.Snapshot), snapshot))))
            _anchor = null;
        if (_live is { } live && ReferenceEquals(live.State, state)) _live = null;
    }

    /// <summary>A (re)started worker holds nothing: its devices are new.</summary>
    public void WorkerStarted() => _live = null;

    /// <param name="snapshotSlot">Whether the step was asked for a snapshot of the devices.</param>
    /// <param name="snapshot">What the devices gave for it (null: nothing, or not asked).</param>
    /// <param name="snapshotPending">The devices gave a snapshot still being packed (<see cref="Packed"/> follows).</param>
    public void Produced(Message state, long slot, bool snapshotSlot, Message? snapshot, bool snapshotPending = false)
    {
        _live = (state, slot);
        if (snapshot is not null) _anchor = (state.Set(ProcessStateKeys.Snapshot, snapshot), slot);
        if (snapshotSlot) _keepsOutsideState = snapshot is not null || snapshotPending;
    }

    /// <summary>
    /// The devices' snapshot of <paramref name="slot"/>, packed after the slot was produced (<paramref name="state"/>
    /// carries it): the latest to rewind to, unless a newer one already is. Until it is packed a rewind goes to the one
    /// before, which computes the same results from further back.
    /// </summary>
    public void Packed(Message state, long slot)
    {
        if (_anchor is { } anchor && anchor.Slot > slot) return;
        _anchor = (state, slot);
    }

    /// <summary>An error result on the worker's live state: its devices are where the failed step left them, as they would be in any run.</summary>
    public void Continued(Message state, long slot) => _live = (state, slot);

    /// <summary>
    /// Whether computing on (or dry-running) <paramref name="current"/> would lose state the devices keep outside the
    /// message: it is not what the worker holds and carries no snapshot to restore it from.
    /// </summary>
    public bool MustRewindFrom(Message current) =>
        _keepsOutsideState != false
        && !(_live is { } live && ReferenceEquals(live.State, current))
        && !current.ContainsKey(ProcessStateKeys.Snapshot);

    /// <summary>Whether the worker holds <paramref name="state"/> itself (nothing to restore before using it).</summary>
    public bool IsLive(Message state) => _live is { } live && ReferenceEquals(live.State, state);

    /// <summary>
    /// The newest state at or below <paramref name="slot"/> the devices can continue from: the worker's live state,
    /// else the latest with a snapshot; null when there is none (start again from init).
    /// </summary>
    public (Message State, long Slot)? RewindTarget(long slot)
    {
        if (_live is { } live && live.Slot <= slot) return live;
        if (_anchor is { } anchor && anchor.Slot <= slot) return anchor;
        return null;
    }
}
