using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Persistence;

/// <summary>
/// A process entity's state at a point of its journal: the process message (the body of slot 0), enough to go on assigning (slot, chain head, block height),
/// the checkpoints, and the latest assignments for fast reads (older ones are read back from the journal).
/// </summary>
public sealed record ScheduleSnapshot(
    Message Process,
    long CurrentSlot,
    string HashChain,
    long BlockHeight,
    long CheckpointEvents,
    IReadOnlyList<CheckpointRecorded> Checkpoints,
    IReadOnlyList<Message> Recent);
