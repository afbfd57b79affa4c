using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// Checks a schedule from outside: that assignments are consecutive and each <c>hash-chain</c> link is
/// SHA-256(previous link ‖ ID of its body), and (checkpoint mode) that a run of assignments ends in the chain head a
/// signed checkpoint vouches for.
/// </summary>
public static class ScheduleVerifier
{
    /// <summary>
    /// True when <paramref name="assignments"/> are consecutive slots whose links follow from
    /// <paramref name="previousLink"/> (the link of the slot before the first, "" when the first is slot 0).
    /// </summary>
    public static bool ChainMatches(IReadOnlyList<Message> assignments, string previousLink = "") =>
        ChainHead(assignments, previousLink) is not null;

    /// <summary>
    /// True when the run <paramref name="assignments"/> (from a slot up to the checkpoint's slot, following
    /// <paramref name="previousLink"/>) chains to the head <paramref name="checkpoint"/> records, and that head is
    /// vouched for by <paramref name="signer"/>: through the signed node checkpoint the checkpoint carries (its proof
    /// leads from the head's leaf to the signed Merkle root), or, as checkpoints were first written, by the
    /// checkpoint's own signature.
    /// </summary>
    public static bool CoveredByCheckpoint(IReadOnlyList<Message> assignments, string previousLink, Message checkpoint, string signer)
    {
        if (assignments.Count == 0 || ChainHead(assignments, previousLink) is not { } head) return false;
        var last = assignments[^1];
        if (checkpoint.GetText(AssignmentKeys.Type) != AssignmentKeys.CheckpointType) return false;
        if (checkpoint.GetText(AssignmentKeys.Process) != last.GetText(AssignmentKeys.Process)) return false;
        if (SlotOf(checkpoint) != SlotOf(last) || checkpoint.GetText(AssignmentKeys.HashChain) != head) return false;
        return checkpoint.GetMessage(AssignmentKeys.NodeCheckpoint) is { } node
            ? NodeCheckpointVouches(checkpoint, node, signer)
            : SignedBy(checkpoint, signer);
    }

    /// <summary>True when <paramref name="checkpoint"/>'s head is a leaf of the node checkpoint <paramref name="signer"/> signed.</summary>
    public static bool NodeCheckpointVouches(Message checkpoint, Message node, string signer)
    {
        if (node.GetText(AssignmentKeys.Type) != AssignmentKeys.NodeCheckpointType) return false;
        if (node.Get(AssignmentKeys.Leaves) is not AoInteger size || checkpoint.Get(AssignmentKeys.Leaf) is not AoInteger index) return false;
        if (checkpoint.GetText(AssignmentKeys.Process) is not { } process || SlotOf(checkpoint) is not { } slot
            || checkpoint.GetText(AssignmentKeys.HashChain) is not { } chain || checkpoint.GetText(AssignmentKeys.Proof) is not { } proofText)
            return false;
        List<byte[]> proof;
        try
        {
            proof = proofText.Length == 0 ? [] : proofText.Split(',').Select(HashChain.Decode).ToList();
        }
        catch (FormatException)
        {
            return false;
        }
        var root = CheckpointTree.RootFromProof(CheckpointTree.Leaf(process, slot, chain), index.Value, size.Value, proof);
        return root is not null && node.GetText(AssignmentKeys.MerkleRoot) == HashChain.Encode(root) && SignedBy(node, signer);
    }

    private static bool SignedBy(Message message, string signer) =>
        HttpSigCommitments.Committers(message).Contains(signer) && HttpSigCommitments.Verify(message);

    /// <summary>The recomputed link of the last assignment, or null when a link or a slot does not follow.</summary>
    public static string? ChainHead(IReadOnlyList<Message> assignments, string previousLink)
    {
        var link = HashChain.Decode(previousLink);
        long? expectedSlot = null;
        foreach (var assignment in assignments)
        {
            var slot = SlotOf(assignment);
            if (slot is null || (expectedSlot is { } e && slot != e)) return null;
            if (assignment.GetMessage(AssignmentKeys.Body) is not { } body) return null;
            link = HashChain.Next(link, MessageIds.All(body));
            if (assignment.GetText(AssignmentKeys.HashChain) != HashChain.Encode(link)) return null;
            expectedSlot = slot + 1;
        }
        return HashChain.Encode(link);
    }

    private static long? SlotOf(Message message) => message.Get(AssignmentKeys.Slot) is AoInteger i ? i.Value : null;
}
