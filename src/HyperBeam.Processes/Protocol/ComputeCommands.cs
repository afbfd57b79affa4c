using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Protocol;

/// <summary>
/// Computes the process state up to and including <paramref name="Slot"/> (−1 = after init only; null = the
/// current slot, HyperBEAM's <c>now</c>). The <c>ProcessEntity</c> forwards it to its compute child, keeping the
/// sender. Replies <see cref="Computed"/> or <see cref="ProcessCommandFailed"/>.
/// </summary>
public sealed record Compute(string ProcessId, long? Slot) : IProcessCommand;

/// <summary>The state message after <paramref name="Slot"/> (its <c>results</c> key holds that slot's outcome).</summary>
public sealed record Computed(string ProcessId, long Slot, Message State);
