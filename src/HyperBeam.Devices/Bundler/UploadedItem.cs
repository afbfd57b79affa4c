using HyperBeam.Codecs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Devices.Bundler;

/// <summary>Whether an uploaded message is signed and its signatures hold, by the device that made each one.</summary>
internal static class UploadedItem
{
    public enum Verdict { Unsigned, Invalid, Verified }

    /// <summary>
    /// HyperBEAM's <c>verify_message</c> (<c>with_only_committed</c>): the keys the item's signatures cover. The
    /// <c>path</c> and <c>method</c> the upload's URL gave the request are never part of the item: an item is signed
    /// for what it holds, not for where it was posted.
    /// </summary>
    public static Message Committed(Message request)
    {
        var posted = request.Without("path", "method");
        return CommittedMessage.IsSigned(posted) ? CommittedMessage.OnlyCommitted(posted) : posted;
    }

    public static Verdict Check(Message item)
    {
        if (!CommittedMessage.IsSigned(item)) return Verdict.Unsigned;
        try
        {
            return CommittedMessage.Verifies(item) ? Verdict.Verified : Verdict.Invalid;
        }
        catch (CodecException)
        {
            return Verdict.Invalid;
        }
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
