using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// The last state the execution devices can continue from: one the worker produced, or a recovered compute snapshot
/// (which carries what the devices keep outside the message, such as lua@5.3a's globals). A state read from the
/// computed-results cache carries no such <c>snapshot</c>, so a process whose devices keep state outside the message
/// must not compute on top of one: it rewinds here and computes forward instead (deterministic: same results).
/// Whether the devices keep such state is learnt from the snapshots (a snapshot slot that yields none says they
/// do not); until known they are assumed to.
/// </summary>
internal sealed class ExecutableState
{
    private bool? _keepsOutsideState;

    public Message? State { get; private set; }

    public long Slot { get; private set; }

    public void Recovered(Message state, long slot)
    {
        (State, Slot) = (state, slot);
        _keepsOutsideState = state.ContainsKey(ProcessStateKeys.Snapshot);
    }

    /// <param name="snapshotSlot">Whether the step was asked for a snapshot of the devices.</param>
    public void Produced(Message state, long slot, bool snapshotSlot, Message? snapshot)
    {
        (State, Slot) = (state, slot);
        if (snapshotSlot) _keepsOutsideState = snapshot is not null;
    }

    /// <summary>Whether computing on <paramref name="current"/> would lose state the devices keep outside the message.</summary>
    public bool MustRewindFrom(Message current) =>
        _keepsOutsideState != false && State is not null && !ReferenceEquals(State, current);
}
