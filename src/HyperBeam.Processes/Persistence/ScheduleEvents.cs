using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Persistence;

/// <summary>An event of a process's journal.</summary>
public interface IScheduleEvent;

/// <summary>
/// A slot was assigned: the assignment message (slot, hash chain, body…), signed by the node in <c>each</c> mode,
/// unsigned in <c>checkpoint</c> mode.
/// </summary>
public sealed record AssignmentRecorded(Message Assignment) : IScheduleEvent
{
    public long Slot => Assignment.Get("slot") is AoInteger i ? i.Value : -1;
}

/// <summary>A signed checkpoint: the node vouches for the hash-chain head at <paramref name="Slot"/> and so for every slot up to it.</summary>
public sealed record CheckpointRecorded(long Slot, string HashChain, Message Checkpoint) : IScheduleEvent;
