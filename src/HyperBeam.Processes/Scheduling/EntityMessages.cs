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

/// <summary>A node checkpoint covering the chain head at <paramref name="Slot"/> was signed: the process's checkpoint under it.</summary>
internal sealed record CheckpointSigned(long Slot, string HashChain, Message Checkpoint)
{
    /// <summary>The process checkpoint with the head it covers (its <c>slot</c> and <c>hash-chain</c>).</summary>
    public static CheckpointSigned Of(Message checkpoint) =>
        new(((AoInteger)checkpoint.Get(AssignmentKeys.Slot)!).Value, checkpoint.GetText(AssignmentKeys.HashChain)!, checkpoint);
}

/// <summary>Signing the checkpoint of the chain head at <paramref name="Slot"/> failed.</summary>
internal sealed record CheckpointSigningFailed(long Slot, Exception Cause);
