using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Protocol;

/// <summary>
/// Assigns the next slot to <paramref name="Message"/> (already verified and trimmed to its committed keys).
/// The first message a process ever gets is its own process message, at slot 0.
/// Replies <see cref="Scheduled"/> or <see cref="ProcessCommandFailed"/>.
/// </summary>
public sealed record Schedule(string ProcessId, Message Message) : IProcessCommand
{
    /// <summary>
    /// The message's ID (all commitments), computed where the command is made. The entity links its hash chain with
    /// it, and for an unsigned message it is an HMAC over the whole encoded message: the largest cost of a slot.
    /// Computed here, on each sender's own thread, it leaves the entity (one thread for all of a process's senders).
    /// Null when the message cannot be encoded: the entity then computes it and fails as it always did.
    /// </summary>
    public string? MessageId => ReferenceEquals(_id.For, Message) ? _id.Id : IdOf(Message);

    // Kept with the message it was computed for: a copy made with `with { Message = … }` must not carry a stale ID.
    private readonly (Message For, string? Id) _id = (Message, IdOf(Message));

    private static string? IdOf(Message message)
    {
        try
        {
            return message is null ? null : MessageIds.All(message);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}

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
