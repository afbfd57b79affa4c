using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs;

/// <summary>
/// HyperBEAM's <c>hb_message:with_only_committed</c> and <c>verify</c> over every commitment device the node reads:
/// a signed message keeps only the keys each of its signatures covers (keys added afterwards, such as the HTTP
/// <c>path</c> and <c>method</c>, fall away), and every commitment must verify on what is left.
/// </summary>
public static class CommittedMessage
{
    private const string HmacAlg = "hmac-sha256";

    /// <summary>True when the message carries at least one commitment that claims a signer.</summary>
    public static bool IsSigned(Message message) => SignedCommitments(message).Count > 0;

    /// <summary>
    /// The keys every signing commitment covers, plus <c>commitments</c>; null when no commitment claims a signer.
    /// HMAC commitments and unsigned ans104 ones (which only remember tag names) cover nothing of their own.
    /// </summary>
    public static HashSet<string>? CommonKeys(Message message)
    {
        HashSet<string>? common = null;
        foreach (var commitment in SignedCommitments(message))
        {
            var covered = IsAns104(commitment) ? Ans104Codec.CommittedKeys(message, commitment) : CommittedKeys.Of(message, commitment);
            if (common is null) common = new HashSet<string>(covered, StringComparer.Ordinal);
            else common.IntersectWith(covered);
        }
        common?.Add(CommittedKeys.CommitmentsKey);
        return common;
    }

    /// <summary>The message with only the keys its signatures cover (and its commitments); an unsigned message as it is.</summary>
    public static Message OnlyCommitted(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var keep = CommonKeys(message);
        return keep is null ? message : message.Where((key, _) => keep.Contains(key));
    }

    /// <summary>True when the message has a commitment to check: any but an unsigned ans104 one (which only keeps tag names).</summary>
    public static bool HasCommitmentsToCheck(Message message)
    {
        var (others, ans104Signed) = Kinds(message);
        return others.Count > 0 || ans104Signed;
    }

    /// <summary>
    /// True when every commitment verifies: ans104@1.0 signatures on <paramref name="receivedItem"/> as it arrived
    /// when given (then the message must claim that item's ID and no other), else by the item rebuilt from the
    /// message; every other commitment (httpsig RSA-PSS and HMAC, or anything unknown, which then fails) by
    /// <see cref="HttpSigCommitments.Verify"/>.
    /// </summary>
    /// <param name="message">The message whose commitments are checked.</param>
    /// <param name="receivedItem">The ANS-104 item the message arrived as, checked on its own bytes.</param>
    /// <param name="hmacComputedHere">
    /// True when the node itself computed every HMAC commitment of <paramref name="message"/> from the message as it
    /// is (httpsig@1.0's decoder drops any it received and adds its own): such a commitment restates the message's
    /// ID and would verify by computing that ID a second time, so it is not checked again. Signatures always are.
    /// </param>
    public static bool Verifies(Message message, DataItem? receivedItem = null, bool hmacComputedHere = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (others, ans104Signed) = Kinds(message);
        if (hmacComputedHere) others.RemoveAll(id => IsHmac(message, id));
        if (others.Count > 0 && !HttpSigCommitments.Verify(message, others)) return false;
        if (!ans104Signed) return true;
        return receivedItem is null ? Ans104Codec.Verify(message) : ReceivedItemVerifies(message, receivedItem);
    }

    private static bool ReceivedItemVerifies(Message message, DataItem item)
    {
        if (!item.Verify()) return false;
        foreach (var (id, value) in ((Message)message.Get(CommittedKeys.CommitmentsKey)!).Entries)
            if (value is Message c && IsAns104(c) && c.GetText(Ans104Codec.AlgKey) != Ans104Codec.UnsignedAlg && id != item.Id) return false;
        return true;
    }

    /// <summary>The IDs of the commitments other than ans104@1.0 ones, and whether an ans104@1.0 one signs.</summary>
    private static (List<string> Others, bool Ans104Signed) Kinds(Message message)
    {
        var others = new List<string>();
        var ans104Signed = false;
        if (message.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return (others, false);
        foreach (var (id, value) in commitments.Entries)
        {
            if (value is Message c && IsAns104(c)) ans104Signed |= c.GetText(Ans104Codec.AlgKey) != Ans104Codec.UnsignedAlg;
            else others.Add(id);
        }
        return (others, ans104Signed);
    }

    private static List<Message> SignedCommitments(Message message)
    {
        var signed = new List<Message>();
        if (message.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return signed;
        foreach (var (_, value) in commitments.Entries)
            if (value is Message c && c.GetText("alg") is not (HmacAlg or Ans104Codec.UnsignedAlg)) signed.Add(c);
        return signed;
    }

    private static bool IsHmac(Message message, string id) =>
        ((Message)message.Get(CommittedKeys.CommitmentsKey)!).Get(id) is Message c && c.GetText("alg") == HmacAlg;

    private static bool IsAns104(Message commitment) => commitment.GetText(Ans104Codec.CommitmentDeviceKey) == CodecNames.Ans104;
}
