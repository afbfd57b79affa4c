namespace HyperBeam.Processes.Scheduling;

/// <summary>What a <see cref="ProcessEntity"/> in checkpoint mode does after a write.</summary>
internal enum CheckpointAction
{
    /// <summary>Nothing: the head is covered, or a checkpoint is on its way.</summary>
    None,

    /// <summary>Enough slots are uncovered: hand the head to the node checkpointer to be signed as soon as possible.</summary>
    SignNow,

    /// <summary>Some slots are uncovered: hand the head to the node checkpointer to be signed within the interval.</summary>
    SignWithinInterval,

    /// <summary>The head waiting to be signed within the interval now leaves enough slots uncovered: sign it at once.</summary>
    Hasten,
}

/// <summary>
/// When checkpoint mode hands its chain head to the node's checkpointer: once some slot is uncovered, to be signed
/// within the checkpoint interval, or as soon as possible once <paramref name="every"/> slots are; never two at
/// once (the second would cover what the first covers).
/// </summary>
internal sealed class CheckpointPolicy(int every)
{
    private bool _urgent;

    /// <summary>A checkpoint is waiting to be signed, being signed, or being written.</summary>
    public bool InFlight { get; private set; }

    public CheckpointAction AfterWrite(long committedSlot, long lastCheckpointSlot)
    {
        if (committedSlot <= lastCheckpointSlot) return CheckpointAction.None;
        var enough = committedSlot - lastCheckpointSlot >= every;
        if (InFlight) return enough && !_urgent ? CheckpointAction.Hasten : CheckpointAction.None;
        return enough ? CheckpointAction.SignNow : CheckpointAction.SignWithinInterval;
    }

    /// <summary>True (and the checkpoint is in flight) when one may start: none is in flight and the head is uncovered.</summary>
    public bool TryStart(long committedSlot, long lastCheckpointSlot, bool urgent)
    {
        if (InFlight || committedSlot <= lastCheckpointSlot) return false;
        InFlight = true;
        _urgent = urgent;
        return true;
    }

    /// <summary>The checkpoint in flight was asked to be signed at once.</summary>
    public void Hastened() => _urgent = true;

    /// <summary>The checkpoint is written, or failed: the next may start.</summary>
    public void Recorded()
    {
        InFlight = false;
        _urgent = false;
    }
}
