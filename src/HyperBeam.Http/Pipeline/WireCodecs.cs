using HyperBeam.Codecs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.Flat;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// The codecs a request may arrive in (<c>codec-device</c> header) and a reply may leave in (<c>accept-codec</c>,
/// then <c>accept</c>, then the node's <c>default_codec</c>). httpsig spreads a message over headers and body; the
/// others carry it whole in the body.
/// </summary>
internal static class WireCodecs
{
    private static readonly HashSet<string> Known = [CodecNames.HttpSig, CodecNames.Json, CodecNames.Flat, CodecNames.Ans104];

    public static bool IsKnown(string codec) => Known.Contains(codec);

    /// <summary>
    /// The AO request as the client encoded it: for httpsig@1.0 the whole HTTP message (its path and method
    /// included), for the others the body alone — before <see cref="WithHttpTarget"/>, so signatures over the body
    /// can be checked as they were made. An ans104@1.0 body also comes back as the item received, so its signature is
    /// checked on those bytes, and its commitment records the keys the item carried.
    /// </summary>
    public static Message DecodeRequest(string codec, Message http, DecodeLimits? limits, out DataItem? receivedItem)
    {
        receivedItem = null;
        if (codec == CodecNames.HttpSig) return HttpSigCodec.Decode(http.Remove("codec-device"), limits);
        var body = (http.Get("body") as AoBinary)?.ToArray() ?? [];
        switch (codec)
        {
            case CodecNames.Json: return body.Length == 0 ? Message.Empty : JsonCodec.Decode(body, limits: limits);
            case CodecNames.Flat: return FlatCodec.Decode(body, limits);
            case CodecNames.Ans104:
                if (body.Length == 0) throw new CodecException("an ans104@1.0 request needs a data item as its body");
                receivedItem = DataItem.Deserialize(body);
                return Ans104Codec.WithCommittedKeys(Ans104Codec.FromItem(receivedItem, limits));
            default: throw new CodecException($"unknown codec-device '{codec}'");
        }
    }

    /// <summary>
    /// <c>path</c> and <c>method</c> always come from HTTP itself, whatever a body-carried message says (httpsig
    /// already read them from the HTTP message).
    /// </summary>
    public static Message WithHttpTarget(string codec, Message request, Message http) =>
        codec == CodecNames.HttpSig ? request : request.Set("path", http.Get("path")!).Set("method", http.Get("method")!);

    /// <summary>The reply's headers (binaries) and body for <paramref name="message"/> in <paramref name="codec"/>.</summary>
    public static (Message Headers, byte[] Body) EncodeReply(string codec, Message message)
    {
        switch (codec)
        {
            case CodecNames.Json:
                return (Message.Of(("content-type", "application/json")), JsonCodec.Encode(message));
            case CodecNames.Flat:
                return (Message.Of(("content-type", "text/plain; charset=utf-8")), FlatCodec.Encode(message));
            case CodecNames.Ans104:
                return (Message.Of(("content-type", "application/ans104")), Ans104Codec.Serialize(message));
            default:
                var encoded = HttpSigCodec.Encode(message);
                var body = (encoded.Get("body") as AoBinary)?.ToArray() ?? [];
                return (encoded.Remove("body"), body);
        }
    }

    /// <summary>The codec an <c>accept</c> header asks for, or null when it leaves the choice to the node.</summary>
    public static string? FromAccept(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept)) return null;
        foreach (var part in accept.Split(','))
        {
            var type = part.Split(';')[0].Trim().ToLowerInvariant();
            switch (type)
            {
                case "application/json": return CodecNames.Json;
                case "application/ans104": return CodecNames.Ans104;
                case "multipart/form-data": return CodecNames.HttpSig;
            }
        }
        return null;
    }
}
