namespace HyperBeam.Processes.Scheduling;

/// <summary>What a <see cref="ProcessEntity"/> in checkpoint mode does after a write.</summary>
internal enum CheckpointAction
{
    /// <summary>Nothing: the head is covered, a checkpoint is being signed, or the timer already runs.</summary>
    None,

    /// <summary>Enough slots are uncovered: sign the chain head now.</summary>
    SignNow,

    /// <summary>Some slots are uncovered: sign when the checkpoint interval has passed.</summary>
    StartTimer,
}

/// <summary>
/// When checkpoint mode signs the chain head: after <paramref name="every"/> uncovered slots or when the interval
/// timer fires, whichever comes first, and never two at once (the second would cover what the first covers).
/// </summary>
internal sealed class CheckpointPolicy(int every)
{
    /// <summary>A checkpoint is being signed or written.</summary>
    public bool InFlight { get; private set; }

    public CheckpointAction AfterWrite(long committedSlot, long lastCheckpointSlot, bool timerActive)
    {
        if (committedSlot <= lastCheckpointSlot || InFlight) return CheckpointAction.None;
        if (committedSlot - lastCheckpointSlot >= every) return CheckpointAction.SignNow;
        return timerActive ? CheckpointAction.None : CheckpointAction.StartTimer;
    }

    /// <summary>True (and the checkpoint is in flight) when one may start: none is in flight and the head is uncovered.</summary>
    public bool TryStart(long committedSlot, long lastCheckpointSlot)
    {
        if (InFlight || committedSlot <= lastCheckpointSlot) return false;
        InFlight = true;
        return true;
    }

    /// <summary>The checkpoint is written: the next may start.</summary>
    public void Recorded() => InFlight = false;
}
