using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Scheduling;

/// <summary>Builds the unsigned assignment message of one slot, with the keys HyperBEAM's scheduler puts on it.</summary>
public static class AssignmentFactory
{
    public static Message Create(string processId, long slot, byte[] hashChain, Message body, long blockHeight, long timestampMs)
    {
        // HyperBEAM's assignment path is the scheduled message's own path, or `compute` when it has none.
        var path = body.GetText("path") is { Length: > 0 } p ? p : "compute";
        return new MessageBuilder()
            .Set(AssignmentKeys.Type, AssignmentKeys.AssignmentType)
            .Set(AssignmentKeys.Path, path)
            .Set(AssignmentKeys.DataProtocol, "ao")
            .Set(AssignmentKeys.Variant, "ao.N.1")
            .Set(AssignmentKeys.Process, processId)
            .Set(AssignmentKeys.Epoch, "0")
            .Set(AssignmentKeys.Slot, slot)
            .Set(AssignmentKeys.BlockHeight, blockHeight)
            .Set(AssignmentKeys.BlockHash, LocalBlockClock.Hash(blockHeight))
            .Set(AssignmentKeys.BlockTimestamp, LocalBlockClock.Timestamp(blockHeight))
            .Set(AssignmentKeys.Timestamp, timestampMs)
            .Set(AssignmentKeys.HashChain, HashChain.Encode(hashChain))
            .Set(AssignmentKeys.Body, body)
            .Build();
    }

    /// <summary>The unsigned checkpoint message: the chain head of <paramref name="slot"/>, to be signed by the node.</summary>
    public static Message Checkpoint(string processId, long slot, string hashChain, long timestampMs) =>
        new MessageBuilder()
            .Set(AssignmentKeys.Type, AssignmentKeys.CheckpointType)
            .Set(AssignmentKeys.DataProtocol, "ao")
            .Set(AssignmentKeys.Variant, "ao.N.1")
            .Set(AssignmentKeys.Process, processId)
            .Set(AssignmentKeys.Slot, slot)
            .Set(AssignmentKeys.HashChain, hashChain)
            .Set(AssignmentKeys.Timestamp, timestampMs)
            .Build();
}
