using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Devices.Cache;

/// <summary>
/// Who may write to the node's cache (HyperBEAM's <c>dev_cache:is_trusted_writer</c>): a message whose httpsig
/// commitments verify and name one of the node's <c>cache_writers</c>. Over HTTP the step a device sees is not the
/// message the client signed (its path is rewritten), so the signed message may be the request or its <c>body</c>.
/// </summary>
internal static class CacheWriters
{
    /// <summary>Null when a trusted writer signed; otherwise the 400/403 reply to give.</summary>
    public static ResolveResult? Check(Message request, Message node)
    {
        var writers = NodeMessageOptions.GetList(node, "cache-writers").OfType<AoBinary>().Select(w => w.Text).ToHashSet(StringComparer.Ordinal);
        if (writers.Count == 0) return CacheReplies.Status(403, "this node has no cache_writers: no one may write to its cache");
        foreach (var candidate in Candidates(request))
        {
            // A process wrote its content; the node's signature on it vouches for the process, not for a writer.
            if (PushedMessages.IsPushed(candidate)) continue;
            try
            {
                var committers = HttpSigCommitments.Committers(candidate);
                if (committers.Any(writers.Contains) && HttpSigCommitments.Verify(candidate)) return null;
            }
            catch (CodecException e)
            {
                return CacheReplies.Status(400, $"the commitments are malformed: {e.Message}");
            }
        }
        return CacheReplies.Status(403, "Not authorized to write to the cache: the request is not signed by a cache writer.");
    }

    private static IEnumerable<Message> Candidates(Message request)
    {
        if (request.ContainsKey("commitments")) yield return request;
        if (request.Get("body") is Message body && body.ContainsKey("commitments")) yield return body;
    }
}
