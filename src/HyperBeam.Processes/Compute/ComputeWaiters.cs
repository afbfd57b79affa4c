using System.Diagnostics;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// The compute requests a <see cref="ProcessComputer"/> has not answered yet. Plain bookkeeping: it decides who is due
/// an answer and the actor does the telling, so the rules are testable without actors.
/// </summary>
internal sealed class ComputeWaiters
{
    private readonly List<ComputeWaiter> _waiting = [];

    public int Count => _waiting.Count;

    public bool IsEmpty => _waiting.Count == 0;

    public void Add(ComputeWaiter waiter) => _waiting.Add(waiter);

    /// <summary>
    /// Takes out the waiters whose slot is reached (target at or below <paramref name="atSlot"/>), newest first;
    /// waiters for "the current slot" stay until a schedule page fixes their target.
    /// </summary>
    public List<ComputeWaiter> TakeReached(long atSlot)
    {
        var reached = new List<ComputeWaiter>();
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var waiter = _waiting[i];
            if (waiter.Target is not { } target || target > atSlot) continue;
            _waiting.RemoveAt(i);
            reached.Add(waiter);
        }
        return reached;
    }

    /// <summary>
    /// Fixes the target of every "current slot" waiter to the scheduler's <paramref name="currentSlot"/> (−1 before
    /// any), and takes out, newest first, the waiters whose slot is beyond it: those slots are not assigned yet.
    /// </summary>
    public List<ComputeWaiter> SettleAgainst(long currentSlot)
    {
        var unassigned = new List<ComputeWaiter>();
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var waiter = _waiting[i];
            var target = waiter.Target ?? Math.Max(currentSlot, -1);
            if (waiter.Target is null) _waiting[i] = waiter with { Target = target };
            if (target <= currentSlot) continue;
            _waiting.RemoveAt(i);
            unassigned.Add(waiter with { Target = target });
        }
        return unassigned;
    }

    /// <summary>Whether the computer waits for a state to run dry runs on (<see cref="ComputeWaiter.ForDryRuns"/>).</summary>
    public bool AnyForDryRuns => _waiting.Any(w => w.ForDryRuns);

    /// <summary>Whether anyone waits for a slot after <paramref name="slot"/>.</summary>
    public bool AnyBeyond(long slot) => _waiting.Any(w => w.Target > slot);

    /// <summary>The slot to read the schedule up to: the highest target, or null (to the end) if anyone waits for the current slot.</summary>
    public long? Goal() => _waiting.Any(w => w.Target is null) ? null : _waiting.Max(w => w.Target);

    /// <summary>The trace of the first waiting request that has one: a step serves every waiter, but a span has one parent.</summary>
    public ActivityContext Trace() => _waiting.Select(w => w.Trace).FirstOrDefault(t => t != default);

    /// <summary>Takes out every waiter, oldest first (a failure answers them all).</summary>
    public List<ComputeWaiter> TakeAll()
    {
        var all = new List<ComputeWaiter>(_waiting);
        _waiting.Clear();
        return all;
    }
}
