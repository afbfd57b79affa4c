using HyperBeam.Cluster.Serialization;

namespace HyperBeam.Cluster.Tests.Failover;

/// <summary>A command for one counter; the region routes by <see cref="CounterId"/>.</summary>
public interface ICounterCommand : ITransientControlMessage
{
    string CounterId { get; }
}

/// <summary>Takes the next slot for <see cref="RequestId"/>; a retried request gets the slot it already has.</summary>
public sealed record TakeSlot(string CounterId, string RequestId) : ICounterCommand;

public sealed record SlotTaken(string RequestId, long Slot, string Node) : ITransientControlMessage;

public sealed record GetSlots(string CounterId) : ICounterCommand;

public sealed record SlotHistory(IReadOnlyList<string> RequestsBySlot) : ITransientControlMessage;
