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

    /// <summary>
    /// True when every commitment verifies: ans104@1.0 signatures by the item rebuilt from the message, every other
    /// one (httpsig RSA-PSS and HMAC, or anything unknown, which then fails) by <see cref="HttpSigCommitments.Verify"/>.
    /// </summary>
    public static bool Verifies(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return true;
        var others = new List<string>();
        var ans104Signed = false;
        foreach (var (id, value) in commitments.Entries)
        {
            if (value is Message c && IsAns104(c))
            {
                if (c.GetText(Ans104Codec.AlgKey) != Ans104Codec.UnsignedAlg) ans104Signed = true;
            }
            else
            {
                others.Add(id);
            }
        }
        if (others.Count > 0 && !HttpSigCommitments.Verify(message, others)) return false;
        return !ans104Signed || Ans104Codec.Verify(message);
    }

    private static List<Message> SignedCommitments(Message message)
    {
        var signed = new List<Message>();
        if (message.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return signed;
        foreach (var (_, value) in commitments.Entries)
            if (value is Message c && c.GetText("alg") is not (HmacAlg or Ans104Codec.UnsignedAlg)) signed.Add(c);
        return signed;
    }

    private static bool IsAns104(Message commitment) => commitment.GetText(Ans104Codec.CommitmentDeviceKey) == CodecNames.Ans104;
}
