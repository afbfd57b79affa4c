using System.Diagnostics;
using Akka.Actor;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// A <see cref="Protocol.Compute"/> waiting for its slot (null = the current slot, once it is known), with the trace it
/// was asked in (the parent of the compute spans it causes). <paramref name="ForDryRuns"/>: the computer's own, to
/// bring the state where waiting dry runs can run; nobody is answered.
/// </summary>
internal sealed record ComputeWaiter(long? Target, IActorRef ReplyTo, ActivityContext Trace = default, bool ForDryRuns = false);

/// <summary>
/// The result cache's answer for the next slot to compute (null: not there, or not readable: <paramref name="Error"/>,
/// so it must be computed).
/// </summary>
internal sealed record CachedState(long Slot, Message? State, Exception? Error = null);

/// <summary>The state after <paramref name="Slot"/> is in the result cache (or could not be written: <paramref name="Error"/>).</summary>
internal sealed record StateStored(long Slot, Exception? Error);

/// <summary>A page of the schedule read ahead (null: the read failed; the computer asks again when it needs it).</summary>
internal sealed record PageReadAhead(Protocol.SchedulePage? Page);

/// <summary>
/// The devices' snapshot of <paramref name="Slot"/>, fixed at that slot, is packed (<paramref name="Snapshot"/>; null:
/// they keep nothing), or packing it failed (<paramref name="Error"/>). <paramref name="State"/> is the slot's state.
/// </summary>
internal sealed record SnapshotPacked(long Slot, Message State, Message? Snapshot, Exception? Error = null);

/// <summary>
/// The snapshot write of <paramref name="Slot"/> ended a while ago (<paramref name="Stored"/>: in the store) and the
/// least spacing between writes has passed: its place is free.
/// </summary>
internal sealed record SnapshotSpaced(long Slot, bool Stored);

/// <summary>The scheduler did not answer a page request in time.</summary>
internal sealed record ScheduleUnavailable(string Reason);

/// <summary>The step with this attempt number ran past the slot timeout.</summary>
internal sealed record StepTimedOut(long Attempt);
