namespace HyperBeam.Processes.Compute;

/// <summary>
/// How often the step in flight has been lost (its worker crashed or ran past the slot timeout) and why, against
/// <see cref="ComputeSettings.RetryCount"/>: a lost step is sent again until the retries are spent, then its slot gets
/// an error as its result. Also numbers the attempts, so a late answer to an earlier attempt is told apart.
/// </summary>
internal sealed class StepRetries(int retryCount)
{
    private long _attempts;

    /// <summary>How many times the current step was lost.</summary>
    public int Tries { get; private set; }

    /// <summary>Why the current step was last lost, if its worker said so before restarting.</summary>
    public string? LastCause { get; private set; }

    /// <summary>The cause to report when a worker comes back while a step was out: what it said, or that it restarted.</summary>
    public string RestartCause => LastCause ?? "the compute worker restarted";

    /// <summary>A new, never used attempt number.</summary>
    public long NextAttempt() => ++_attempts;

    /// <summary>Remembers why the step in flight is being lost (a crash or a timeout).</summary>
    public void Losing(string cause) => LastCause = cause;

    /// <summary>The slot the losses are counted for (null: none lost).</summary>
    public long? Slot { get; private set; }

    /// <summary>
    /// Counts a lost step of <paramref name="slot"/>; true while it may be tried again. The count stays with its slot
    /// while earlier slots are computed again (a rewind before the retry), so a slot that always crashes still ends.
    /// </summary>
    public bool CountLoss(long slot)
    {
        if (Slot != slot) (Tries, Slot) = (0, slot);
        return CountLoss();
    }

    /// <summary>A state for <paramref name="slot"/> was applied: a count for that slot or an earlier one is done.</summary>
    public void Settled(long slot)
    {
        if (Slot is null || slot >= Slot) Reset();
    }

    /// <summary>Counts a lost step; true while it may be tried again.</summary>
    public bool CountLoss()
    {
        Tries++;
        return Tries <= retryCount;
    }

    /// <summary>The step is done (or given up): the next one starts with a clean count.</summary>
    public void Reset()
    {
        Tries = 0;
        LastCause = null;
        Slot = null;
    }
}
