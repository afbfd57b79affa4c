using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Protocol;

/// <summary>
/// The signed checkpoint with this ID (checkpoint signing: an assignment read names the checkpoint that covers it).
/// Replies <see cref="CheckpointFound"/> or <see cref="ProcessCommandFailed"/> (404).
/// </summary>
public sealed record GetCheckpoint(string ProcessId, string CheckpointId) : IProcessCommand;

/// <summary>The signed checkpoint message: <c>type: Checkpoint</c>, <c>process</c>, <c>slot</c>, <c>hash-chain</c>.</summary>
public sealed record CheckpointFound(string ProcessId, Message Checkpoint);
