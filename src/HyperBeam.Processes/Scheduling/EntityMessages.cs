using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Scheduling;

/// <summary>A slot's assignment came back signed from the signer.</summary>
internal sealed record AssignmentSigned(long Slot, Message Assignment);

/// <summary>Signing a slot's assignment failed (the message cannot be encoded for a signature).</summary>
internal sealed record AssignmentSigningFailed(long Slot, Exception Cause);

/// <summary>Write every assignment that is ready, in slot order, as one batch.</summary>
internal sealed class FlushAssignments
{
    public static readonly FlushAssignments Instance = new();

    private FlushAssignments() { }
}

/// <summary>The checkpoint interval has passed since the first slot not yet covered.</summary>
internal sealed class CheckpointDue
{
    public static readonly CheckpointDue Instance = new();

    private CheckpointDue() { }
}

/// <summary>The signer signed a checkpoint of the chain head at <paramref name="Slot"/>.</summary>
internal sealed record CheckpointSigned(long Slot, string HashChain, Message Checkpoint);
