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

    /// <summary>On a read in checkpoint mode: the ID of the signed checkpoint whose chain head covers this slot.</summary>
    public const string Checkpoint = "checkpoint";
}
