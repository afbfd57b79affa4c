using HyperBeam.Codecs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Devices.Scheduler;

/// <summary>
/// The form a message is scheduled in: only the keys its signatures cover (HyperBEAM's <c>with_only_committed</c>),
/// and its commitments must verify. An unsigned message keeps its keys except the HTTP request's <c>path</c> and
/// <c>method</c>.
/// </summary>
internal static class ScheduledMessage
{
    private const string HmacAlg = "hmac-sha256";

    public static Message OnlyCommitted(Message message)
    {
        if (SignedCommitmentIds(message).Count == 0) return message.WithoutPriv().Without("path", "method");
        var keep = new HashSet<string>(StringComparer.Ordinal) { CommittedKeys.CommitmentsKey };
        var ans104 = false;
        foreach (var (_, value) in ((Message)message.Get(CommittedKeys.CommitmentsKey)!).Entries)
            if (value is Message c && IsAns104(c)) ans104 = true;
        if (ans104) return message.WithoutPriv();
        keep.UnionWith(HttpSigCommitments.Committed(message));
        var result = message.WithoutPriv();
        foreach (var key in message.Keys)
            if (!keep.Contains(key)) result = result.Remove(key);
        return result;
    }

    /// <summary>True when every commitment verifies (httpsig ones by signature or HMAC, ANS-104 ones by the item).</summary>
    public static bool Verifies(Message message)
    {
        if (message.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return true;
        var httpsig = new List<string>();
        var ans104 = false;
        foreach (var (id, value) in commitments.Entries)
        {
            if (value is Message c && IsAns104(c))
            {
                if (c.GetText(Ans104Codec.AlgKey) != Ans104Codec.UnsignedAlg) ans104 = true;
            }
            else
            {
                httpsig.Add(id);
            }
        }
        if (httpsig.Count > 0 && !HttpSigCommitments.Verify(message, httpsig)) return false;
        return !ans104 || Ans104Codec.Verify(message);
    }

    private static List<string> SignedCommitmentIds(Message message)
    {
        var ids = new List<string>();
        if (message.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return ids;
        foreach (var (id, value) in commitments.Entries)
            if (value is Message c && c.GetText("alg") is not (HmacAlg or Ans104Codec.UnsignedAlg)) ids.Add(id);
        return ids;
    }

    private static bool IsAns104(Message commitment) => commitment.GetText(Ans104Codec.CommitmentDeviceKey) == CodecNames.Ans104;
}
