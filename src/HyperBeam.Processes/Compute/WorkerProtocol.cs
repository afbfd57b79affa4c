using System.Diagnostics;
using Akka.Actor;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>A (re)started compute worker is ready for work: a step in flight before it was lost and is sent again.</summary>
internal sealed record WorkerReady(IActorRef Worker);

/// <summary>
/// Run one step on the worker: <c>init</c> when <paramref name="Assignment"/> is null (slot −1), else the compute of
/// <paramref name="Slot"/>. <paramref name="Attempt"/> tells a late answer from a retried step apart;
/// <paramref name="Trace"/> is the trace of the request that needs the step (the parent of its span).
/// <see cref="Following"/>: the next slots, computed right after on the state each produces, each answered on its own
/// (same attempt); the worker stops at the first that does not succeed.
/// </summary>
internal sealed record RunStep(long Attempt, long Slot, Message State, Message? Assignment, bool TakeSnapshot, ActivityContext Trace = default)
{
    public IReadOnlyList<FollowingStep> Following { get; init; } = [];

    /// <summary>Lets the computer stop the following steps after the one in hand.</summary>
    public FollowingLimit Limit { get; init; } = new();
}

/// <summary>A slot the worker computes after the step before it, without waiting to be told.</summary>
internal sealed record FollowingStep(long Slot, Message Assignment, bool TakeSnapshot);

/// <summary>
/// The step succeeded: the state after it, and what the execution devices asked to keep in a snapshot (null: not a
/// snapshot slot, or they keep nothing). The snapshot was fixed at this slot but may not be packed yet
/// (<see cref="CapturedSnapshot.Packed"/> null): the computer packs it when the store can take it, or drops it.
/// </summary>
internal sealed record StepSucceeded(long Attempt, long Slot, Message State, CapturedSnapshot? Snapshot);

/// <summary>The execution device answered the step with an error (no crash): the slot gets that error as its result.</summary>
internal sealed record StepFailed(long Attempt, long Slot, Message Error);

/// <summary>
/// The devices could not restore the state the step was made on (<c>normalize</c> refused its snapshot: corrupt, or
/// made against a base they do not have): nothing ran; the computer gives that state up and computes from an earlier one.
/// </summary>
internal sealed record StateUnrestorable(long Attempt, long Slot, string Reason);

/// <summary>The worker crashed on the step (a device threw) and is about to be restarted.</summary>
internal sealed record StepCrashed(long Attempt, string Cause);

/// <summary>The step ran past the slot timeout: the worker gives it up by restarting.</summary>
internal sealed record AbandonStep(long Attempt, string Cause);

/// <summary>Evaluate a dry run on <paramref name="State"/> (the latest computed state); nothing it does is kept.</summary>
internal sealed record RunDryRun(long Attempt, long Slot, Message State, Protocol.DryRun Command);

/// <summary>What the dry run with this attempt number resolved to.</summary>
internal sealed record DryRunDone(long Attempt, long Slot, Core.Resolution.ResolveResult Result);

/// <summary>
/// Where the worker stops computing the following steps of a <see cref="RunStep"/>: the computer may cut them short
/// (a dry run waits) and must then know exactly the last slot the worker runs, so it applies every slot computed.
/// </summary>
internal sealed class FollowingLimit
{
    private readonly Lock _gate = new();
    private long _started = long.MinValue;
    private long _limit = long.MaxValue;

    /// <summary>The worker is about to compute <paramref name="slot"/>: false when it is cut off and must stop.</summary>
    public bool TryStart(long slot)
    {
        lock (_gate)
        {
            if (slot > _limit) return false;
            _started = Math.Max(_started, slot);
            return true;
        }
    }

    /// <summary>No slot after those started now; returns the last slot the worker computes.</summary>
    public long Cut()
    {
        lock (_gate)
        {
            _limit = _started;
            return _limit;
        }
    }
}
