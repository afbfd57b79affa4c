using HyperBeam.Codecs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Messages;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// Checks a decoded request's commitments by the device that made each one. An ANS-104 item that arrived as the body
/// is verified on its own bytes (<see cref="DataItem.Verify"/>: the deep hash of the fields as received); any other
/// ans104@1.0 commitment by the item rebuilt from the message, and every other commitment (httpsig RSA-PSS and HMAC,
/// or anything unknown, which then fails) through <see cref="HttpSigCommitments.Verify"/>.
/// Run it on the message as the client encoded it, before the pipeline adds the HTTP <c>path</c> and <c>method</c>.
/// </summary>
internal static class RequestSignatures
{
    private const string HmacAlg = "hmac-sha256";

    /// <param name="message">The decoded request.</param>
    /// <param name="receivedItem">The data item the request arrived as (ans104@1.0 bodies), whose signature is checked as received.</param>
    /// <param name="codec">The codec the request was decoded with: httpsig@1.0's decoder computes the HMAC commitment itself.</param>
    public static SignatureCheck Check(Message message, DataItem? receivedItem = null, string? codec = null)
    {
        if (message.Get(CommittedKeys.CommitmentsKey) is not Message { IsEmpty: false } || !CommittedMessage.HasCommitmentsToCheck(message))
            return SignatureCheck.Unsigned;
        return CommittedMessage.Verifies(message, receivedItem, hmacComputedHere: codec == CodecNames.HttpSig)
            ? SignatureCheck.Verified
            : SignatureCheck.Invalid;
    }

    /// <summary>
    /// A verified request keeps only the keys every signature covers (<see cref="CommittedMessage"/>), plus its
    /// commitments and the path and method of the HTTP request.
    /// </summary>
    public static Message OnlyCommitted(Message signed)
    {
        var keep = CommittedMessage.CommonKeys(signed) ?? new HashSet<string>(StringComparer.Ordinal) { CommittedKeys.CommitmentsKey };
        keep.UnionWith(["path", "method"]);
        return signed.Where((key, _) => keep.Contains(key));
    }
    /// <summary>
    /// Every signature covers the request's <c>path</c> as it was sent (for a body codec, the signed message names
    /// the HTTP target itself). Only then are the keys in the path's query string signed too.
    /// </summary>
    public static bool CoversPath(Message signed, Message http)
    {
        if (signed.GetText("path") is not { } path || path != http.GetText("path")) return false;
        if (signed.Get(CommittedKeys.CommitmentsKey) is not Message commitments) return false;
        var any = false;
        foreach (var (id, value) in commitments.Entries)
        {
            if (value is not Message c || c.GetText("alg") is HmacAlg or Ans104Codec.UnsignedAlg) continue;
            if (!IsAns104(c) && !CommittedKeys.Of(signed, c).Contains("path")) return false;
            // A query rides along only if the signature covers it too (RFC 9421's @path leaves it out).
            if (!IsAns104(c) && path.Contains('?') && !HttpSigCommitments.CoversRequestTarget(signed, id, c)) return false;
            any = true;
        }
        return any;
    }

    /// <summary>The path without its <c>?query</c>: the keys a signature does not cover do not ride along.</summary>
    public static Message WithoutQuery(Message request) =>
        request.GetText("path") is { } path && path.IndexOf('?') is >= 0 and var q ? request.Set("path", path[..q]) : request;

    private static bool IsAns104(Message commitment) => commitment.GetText(Ans104Codec.CommitmentDeviceKey) == CodecNames.Ans104;
}
