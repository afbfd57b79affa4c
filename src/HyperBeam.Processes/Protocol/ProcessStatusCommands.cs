namespace HyperBeam.Processes.Protocol;

/// <summary>The scheduling status of one process. Replies <see cref="ProcessStatus"/> or <see cref="ProcessCommandFailed"/> (404 unknown).</summary>
public sealed record GetProcessStatus(string ProcessId) : IProcessCommand;

/// <summary>
/// Where a process's schedule stands: the highest durable slot and its chain link, how it is signed and answered,
/// and (checkpoint mode) the highest slot a signed checkpoint covers (−1 for none).
/// </summary>
public sealed record ProcessStatus(
    string ProcessId,
    long CurrentSlot,
    string HashChain,
    string SchedulingMode,
    string AssignmentSigning,
    long CheckpointedSlot,
    int PendingAssignments);
