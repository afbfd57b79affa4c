using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Scheduling;

/// <summary>Builds the unsigned assignment message of one slot, with the keys HyperBEAM's scheduler puts on it.</summary>
public static class AssignmentFactory
{
    // An entity builds one of these per slot on its single thread: the values every assignment shares are made once,
    // and the keys are set in canonical order so that building never sorts.
    private static readonly AoBinary AssignmentType = AoBinary.FromString(AssignmentKeys.AssignmentType);
    private static readonly AoBinary Ao = AoBinary.FromString("ao");
    private static readonly AoBinary Variant = AoBinary.FromString("ao.N.1");
    private static readonly AoBinary Epoch = AoBinary.FromString("0");
    private static readonly AoBinary Compute = AoBinary.FromString("compute");

    public static Message Create(string processId, long slot, byte[] hashChain, Message body, long blockHeight, long timestampMs) =>
        Create(AoBinary.FromString(processId), slot, hashChain, body, blockHeight, timestampMs);

    /// <param name="processId">The process ID as the value the entity keeps for all its assignments.</param>
    public static Message Create(AoBinary processId, long slot, byte[] hashChain, Message body, long blockHeight, long timestampMs)
    {
        // HyperBEAM's assignment path is the scheduled message's own path, or `compute` when it has none.
        var path = body.Get("path") switch
        {
            AoBinary { IsEmpty: false, IsUtf8: true } p => p,
            AoBinary { IsEmpty: false } p => AoBinary.FromString(p.Text),
            _ => Compute,
        };
        // In key order already: no builder's dictionary (three resizes for 13 keys, a tenth of what a checkpoint-mode
        // assignment allocated), the span on the stack.
        return Message.FromOrdered([
            new(AssignmentKeys.BlockHash, BlockHashes.Of(blockHeight)),
            new(AssignmentKeys.BlockHeight, new AoInteger(blockHeight)),
            new(AssignmentKeys.BlockTimestamp, new AoInteger(LocalBlockClock.Timestamp(blockHeight))),
            new(AssignmentKeys.Body, body),
            new(AssignmentKeys.DataProtocol, Ao),
            new(AssignmentKeys.Epoch, Epoch),
            new(AssignmentKeys.HashChain, AoBinary.FromString(HashChain.Encode(hashChain))),
            new(AssignmentKeys.Path, path),
            new(AssignmentKeys.Process, processId),
            new(AssignmentKeys.Slot, new AoInteger(slot)),
            new(AssignmentKeys.Timestamp, new AoInteger(timestampMs)),
            new(AssignmentKeys.Type, AssignmentType),
            new(AssignmentKeys.Variant, Variant),
        ]);
    }

    /// <summary>The unsigned node checkpoint: the Merkle root of <paramref name="leaves"/> chain heads, to be signed by the node.</summary>
    public static Message NodeCheckpoint(byte[] merkleRoot, int leaves, long timestampMs) =>
        new MessageBuilder()
            .Set(AssignmentKeys.Type, AssignmentKeys.NodeCheckpointType)
            .Set(AssignmentKeys.DataProtocol, "ao")
            .Set(AssignmentKeys.Variant, "ao.N.1")
            .Set(AssignmentKeys.MerkleRoot, HashChain.Encode(merkleRoot))
            .Set(AssignmentKeys.Leaves, leaves)
            .Set(AssignmentKeys.Timestamp, timestampMs)
            .Build();

    /// <summary>
    /// One process's checkpoint under a signed node checkpoint: its chain head, the index of its leaf, the proof from
    /// that leaf to the signed root (base64url hashes from the leaf up, comma-separated) and the node checkpoint.
    /// </summary>
    public static Message ProcessCheckpoint(string processId, long slot, string hashChain, int leaf, IReadOnlyList<byte[]> proof, Message nodeCheckpoint) =>
        new MessageBuilder()
            .Set(AssignmentKeys.Type, AssignmentKeys.CheckpointType)
            .Set(AssignmentKeys.DataProtocol, "ao")
            .Set(AssignmentKeys.Variant, "ao.N.1")
            .Set(AssignmentKeys.Process, processId)
            .Set(AssignmentKeys.Slot, slot)
            .Set(AssignmentKeys.HashChain, hashChain)
            .Set(AssignmentKeys.Leaf, leaf)
            .Set(AssignmentKeys.Proof, string.Join(",", proof.Select(p => HashChain.Encode(p))))
            .Set(AssignmentKeys.NodeCheckpoint, nodeCheckpoint)
            .Build();

    /// <summary>The block hash of the latest height asked for (a local block lasts two minutes: almost every slot asks the same).</summary>
    private static class BlockHashes
    {
        // One reference, swapped whole: entities on other threads read it without a lock.
        private static Entry _last = new(-1, AoBinary.FromString(""));

        public static AoBinary Of(long height)
        {
            var last = Volatile.Read(ref _last);
            if (last.Height == height) return last.Hash;
            var hash = AoBinary.FromString(LocalBlockClock.Hash(height));
            Volatile.Write(ref _last, new Entry(height, hash));
            return hash;
        }

        private sealed record Entry(long Height, AoBinary Hash);
    }
}
