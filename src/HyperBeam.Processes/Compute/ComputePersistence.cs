using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>The computed state of a process after <paramref name="Slot"/>, as kept in the Akka snapshot store.</summary>
public sealed record ComputeSnapshot(long Slot, Message State);

/// <summary>
/// A journal marker written before each snapshot, so every snapshot gets its own sequence number and older ones and
/// older markers can be deleted. Replaying it changes nothing: the state comes from the snapshot.
/// </summary>
public sealed record ComputeCheckpoint(long Slot);
