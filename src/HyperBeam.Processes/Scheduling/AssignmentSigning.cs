namespace HyperBeam.Processes.Scheduling;

/// <summary>How assignments are vouched for (node option <c>assignment_signing</c>).</summary>
public enum AssignmentSigning
{
    /// <summary>Every assignment is signed with the node wallet, as HyperBEAM does (the default).</summary>
    Each,

    /// <summary>
    /// Assignments carry their hash-chain link only; every N assignments or T of time the entity signs the chain head
    /// as a checkpoint, which vouches for every slot up to it through the chain.
    /// </summary>
    Checkpoint,
}
