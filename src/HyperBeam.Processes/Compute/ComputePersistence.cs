using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>The computed state of a process after <paramref name="Slot"/>, as kept in the Akka snapshot store.</summary>
public sealed record ComputeSnapshot(long Slot, Message State);

/// <summary>
/// A journal marker that earlier versions wrote before each snapshot (a journal round trip that stopped compute);
/// snapshots are now keyed by their slot (<see cref="SnapshotWrites.SequenceNrOf"/>) and none is written. Kept so
/// journals that hold them still replay (it changes nothing) and are cleared after recovery.
/// </summary>
public sealed record ComputeCheckpoint(long Slot);
