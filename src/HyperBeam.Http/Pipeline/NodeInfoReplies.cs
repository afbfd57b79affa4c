using HyperBeam.Core.Messages;
using HyperBeam.Http.Observability;
using Microsoft.AspNetCore.Http;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// <c>GET /~meta@1.0/info</c>'s reply, built and encoded once per node message version and codec, then written as
/// it is: the reply describes only the node message (and the node's address), so while that message is the same
/// object the reply is the same bytes. A change to the node message (<c>POST /~meta@1.0/info</c>, a <c>set</c>)
/// swaps it for a new object (<see cref="Core.Nodes.NodeState"/>), and a reply built for the old one is never
/// served again. A node signing its replies signed this very reply, over what it describes.
/// </summary>
/// <remarks>
/// Only the exact target, a GET, no tracing and a node with no <c>on</c> hooks (a hook may answer differently per
/// request) qualify; anything else resolves as usual. The reply kept is the one the full pipeline built for the
/// first request of the version (the resolver, the device, the reply writer), not a second rendering of it.
/// </remarks>
internal sealed class NodeInfoReplies
{
    public const string Target = "/~meta@1.0/info";

    private Entry[] _entries = [];

    /// <summary>Whether this request may be answered, or its reply kept, by the node message <paramref name="node"/>.</summary>
    public static bool Qualifies(Message http, Message node, RequestTrace? trace) =>
        trace is null
        && http.GetText("method") == HttpMethods.Get
        && http.GetText("path") == Target
        && node.GetMessage("on") is not { IsEmpty: false };

    /// <summary>The reply built for <paramref name="node"/> in <paramref name="codec"/>, if any.</summary>
    public EncodedReply? Find(Message node, string codec)
    {
        foreach (var entry in Volatile.Read(ref _entries))
            if (ReferenceEquals(entry.Node, node) && entry.Codec == codec) return entry.Reply;
        return null;
    }

    /// <summary>
    /// Keeps <paramref name="reply"/> for <paramref name="node"/> when that is still the node's message
    /// (<paramref name="current"/>) and the reply is a success; replies for older versions are dropped.
    /// </summary>
    public void Keep(Message node, Message current, string codec, EncodedReply reply)
    {
        if (!ReferenceEquals(node, current) || reply.Status != StatusCodes.Status200OK) return;
        while (true)
        {
            var entries = Volatile.Read(ref _entries);
            var next = new List<Entry>(entries.Length + 1) { new(node, codec, reply) };
            foreach (var entry in entries)
                if (ReferenceEquals(entry.Node, node) && entry.Codec != codec) next.Add(entry);
            if (Interlocked.CompareExchange(ref _entries, [.. next], entries) == entries) return;
        }
    }

    private sealed record Entry(Message Node, string Codec, EncodedReply Reply);
}
