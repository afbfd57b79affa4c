namespace HyperBeam.Processes.Scheduling;

/// <summary>The keys of an assignment message (HyperBEAM's <c>dev_scheduler_server:do_assign</c>) and of a checkpoint.</summary>
public static class AssignmentKeys
{
    public const string Type = "type";
    public const string AssignmentType = "Assignment";
    public const string CheckpointType = "Checkpoint";
    public const string Path = "path";
    public const string DataProtocol = "data-protocol";
    public const string Variant = "variant";
    public const string Process = "process";
    public const string Epoch = "epoch";
    public const string Slot = "slot";
    public const string BlockHeight = "block-height";
    public const string BlockHash = "block-hash";
    public const string BlockTimestamp = "block-timestamp";
    public const string Timestamp = "timestamp";
    public const string HashChain = "hash-chain";
    public const string Body = "body";

    /// <summary>The node checkpoint: one signature over the Merkle root of the chain heads of many processes.</summary>
    public const string NodeCheckpointType = "Node-Checkpoint";
    public const string MerkleRoot = "merkle-root";
    public const string Leaves = "leaves";

    /// <summary>A process's checkpoint under a node checkpoint: its leaf's index, proof and the signed node checkpoint.</summary>
    public const string Leaf = "leaf";
    public const string Proof = "proof";
    public const string NodeCheckpoint = "node-checkpoint";

    /// <summary>On a read in checkpoint mode: the ID of the signed checkpoint whose chain head covers this slot.</summary>
    public const string Checkpoint = "checkpoint";
}
