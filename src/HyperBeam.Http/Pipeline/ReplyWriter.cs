using System.Globalization;
using System.Text;
using HyperBeam.Codecs;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Observability;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// Builds the reply for a result: its status (see <see cref="ReplyStatus"/>) embedded as HyperBEAM does, a literal
/// wrapped as <c>{body: literal, ao-result: body}</c>, signed by the node when <c>force_signed</c> is on, and encoded
/// with the negotiated codec.
/// </summary>
internal static class ReplyWriter
{
    /// <summary>The reply for <paramref name="result"/>, encoded and (when the node says so) signed, not yet written.</summary>
    public static EncodedReply Build(ResolveResult result, string codec, NodeState state, ILogger log, RequestTrace? trace = null)
    {
        var status = ReplyStatus.Of(result);
        var reply = result.Value switch
        {
            Message m when m.ContainsKey("commitments") || m.ContainsKey("status") => m,
            Message m => m.Set("status", status),
            var literal => Message.Of(("body", LiteralBody(literal)), ("ao-result", "body"), ("status", status)),
        };
        if (result.ErrorMessage is { } error && result.Value is not Message) reply = reply.Set("body", error);
        if (trace is not null) reply = reply.Set("trace", trace.ToList());
        if (NodeFlags.ForceSignedReplies(state.Current) && state.Wallet is { } wallet && HttpSigCommitments.Committers(reply).Count == 0)
            reply = HttpSigCommitments.Commit(reply, wallet);

        var (headers, body) = Encode(codec, reply, log);
        if (!AllHeadersWritable(headers))
        {
            // A value with a line break cannot be an HTTP header; JSON carries any value in the body.
            (headers, body) = Encode(CodecNames.Json, reply, log);
        }
        var lines = new List<KeyValuePair<string, string>>(headers.Count + 1);
        foreach (var (name, value) in headers.Entries) lines.Add(new(name, Encoding.Latin1.GetString(((AoBinary)value).Span)));
        if (trace is not null) lines.Add(new("server-timing", trace.ToServerTiming()));
        return new EncodedReply(status, lines, body);
    }

    private static (Message Headers, byte[] Body) Encode(string codec, Message reply, ILogger log)
    {
        try
        {
            return WireCodecs.EncodeReply(codec, reply);
        }
        catch (CodecException e) when (codec != CodecNames.HttpSig)
        {
            log.LogWarning("reply does not encode as {Codec} ({Reason}); sending httpsig@1.0", codec, e.Message);
            return WireCodecs.EncodeReply(CodecNames.HttpSig, reply);
        }
    }

    private static AoBinary LiteralBody(AoValue literal) => literal switch
    {
        AoBinary b => b,
        AoInteger i => AoBinary.FromString(i.Value.ToString(CultureInfo.InvariantCulture)),
        AoFloat f => AoBinary.FromString(f.Value.ToString("R", CultureInfo.InvariantCulture)),
        AoAtom a => AoBinary.FromString(a.Name),
        var other => AoBinary.FromString(other.ToString()),
    };

    private static bool AllHeadersWritable(Message headers)
    {
        foreach (var (_, value) in headers.Entries)
            foreach (var b in ((AoBinary)value).Span)
                if (b is (byte)'\r' or (byte)'\n' or 0) return false;
        return true;
    }
}
