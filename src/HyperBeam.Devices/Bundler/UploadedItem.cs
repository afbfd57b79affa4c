using HyperBeam.Codecs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Devices.Bundler;

/// <summary>Whether an uploaded message is signed and its signatures hold, by the device that made each one.</summary>
internal static class UploadedItem
{
    public enum Verdict { Unsigned, Invalid, Verified }

    public static Verdict Check(Message item)
    {
        if (item.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return Verdict.Unsigned;
        var httpsig = new List<string>();
        var ans104 = false;
        foreach (var (id, value) in commitments.Entries)
        {
            if (value is not Message c) return Verdict.Invalid;
            if (c.GetText(Ans104Codec.CommitmentDeviceKey) == CodecNames.Ans104)
            {
                if (c.GetText(Ans104Codec.AlgKey) == Ans104Codec.SignedAlg) ans104 = true;
            }
            else if (c.GetText("alg") != "hmac-sha256")
            {
                httpsig.Add(id);
            }
        }
        if (!ans104 && httpsig.Count == 0) return Verdict.Unsigned;
        try
        {
            if (httpsig.Count > 0 && !HttpSigCommitments.Verify(item, httpsig)) return Verdict.Invalid;
        }
        catch (CodecException)
        {
            return Verdict.Invalid;
        }
        return !ans104 || Ans104Codec.Verify(item) ? Verdict.Verified : Verdict.Invalid;
    }

    /// <summary>HyperBEAM's signed ID: the one signature's ID (a data item's own ID), or the ID over all of them.</summary>
    public static string SignedId(Message item)
    {
        var signed = new List<string>();
        foreach (var (id, value) in (Message)item.Get(CommittedKeys.CommitmentsKey)!)
            if (value is Message c && c.GetText("alg") is not ("hmac-sha256" or Ans104Codec.UnsignedAlg)) signed.Add(id);
        return signed.Count == 1 ? signed[0] : MessageIds.All(item);
    }
}
