namespace HyperBeam.Processes.Protocol;

/// <summary>
/// How far a process has been computed and how large its state is (for introspection). The entity answers for a
/// process it has never computed and forwards to its compute child otherwise. Replies <see cref="ComputeStatus"/> or
/// <see cref="ProcessCommandFailed"/> (404 unknown).
/// </summary>
public sealed record GetComputeStatus(string ProcessId) : IProcessCommand;

/// <summary>
/// The last computed slot (null: nothing computed yet in this incarnation; −1: only init) and the size of that state
/// in its binary encoding (0 when there is none).
/// </summary>
public sealed record ComputeStatus(string ProcessId, long? ComputedSlot, long StateBytes);
