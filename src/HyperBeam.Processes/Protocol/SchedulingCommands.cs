using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Protocol;

/// <summary>
/// Assigns the next slot to <paramref name="Message"/> (already verified and trimmed to its committed keys).
/// The first message a process ever gets is its own process message, at slot 0.
/// Replies <see cref="Scheduled"/> or <see cref="ProcessCommandFailed"/>.
/// </summary>
public sealed record Schedule(string ProcessId, Message Message) : IProcessCommand;

/// <summary>The assignment made for a <see cref="Schedule"/>: the assignment message holds slot, hash chain and body.</summary>
public sealed record Scheduled(string ProcessId, long Slot, Message Assignment);

/// <summary>Assignments of slots <paramref name="From"/>..<paramref name="To"/> (inclusive; null = up to the current slot). Replies <see cref="SchedulePage"/>.</summary>
public sealed record GetSchedule(string ProcessId, long From, long? To) : IProcessCommand;

/// <summary>At most one page of assignments in slot order; <paramref name="Continues"/> when more exist up to the requested end.</summary>
public sealed record SchedulePage(string ProcessId, IReadOnlyList<Message> Assignments, bool Continues, long CurrentSlot);

/// <summary>The current (highest assigned) slot; replies <see cref="CurrentSlot"/>.</summary>
public sealed record GetCurrentSlot(string ProcessId) : IProcessCommand;

/// <summary>The highest assigned slot, or −1 when the process has no assignment yet.</summary>
public sealed record CurrentSlot(string ProcessId, long Slot, string HashChain);

/// <summary>A failure answer to any process command: an HTTP-like status (400 bad input, 404 unknown process, 503 busy) and why.</summary>
public sealed record ProcessCommandFailed(string ProcessId, int Status, string Reason);
