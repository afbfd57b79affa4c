using System.Diagnostics;
using Akka.Actor;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>A (re)started compute worker is ready for work: a step in flight before it was lost and is sent again.</summary>
internal sealed record WorkerReady(IActorRef Worker);

/// <summary>
/// Run one step on the worker: <c>init</c> when <paramref name="Assignment"/> is null (slot −1), else the compute of
/// <paramref name="Slot"/>. <paramref name="Attempt"/> tells a late answer from a retried step apart;
/// <paramref name="Trace"/> is the trace of the request that needs the step (the parent of its span).
/// </summary>
internal sealed record RunStep(long Attempt, long Slot, Message State, Message? Assignment, bool TakeSnapshot, ActivityContext Trace = default);

/// <summary>The step succeeded: the state after it, and what the execution devices asked to keep in a snapshot.</summary>
internal sealed record StepSucceeded(long Attempt, long Slot, Message State, Message? Snapshot);

/// <summary>The execution device answered the step with an error (no crash): the slot gets that error as its result.</summary>
internal sealed record StepFailed(long Attempt, long Slot, Message Error);

/// <summary>The worker crashed on the step (a device threw) and is about to be restarted.</summary>
internal sealed record StepCrashed(long Attempt, string Cause);

/// <summary>The step ran past the slot timeout: the worker gives it up by restarting.</summary>
internal sealed record AbandonStep(long Attempt, string Cause);

/// <summary>Evaluate a dry run on <paramref name="State"/> (the latest computed state); nothing it does is kept.</summary>
internal sealed record RunDryRun(long Attempt, long Slot, Message State, Protocol.DryRun Command);

/// <summary>What the dry run with this attempt number resolved to.</summary>
internal sealed record DryRunDone(long Attempt, long Slot, Core.Resolution.ResolveResult Result);
