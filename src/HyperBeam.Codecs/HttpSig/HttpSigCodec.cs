using HyperBeam.Core.Codecs.HttpSig;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.HttpSig;

/// <summary>
/// <c>httpsig@1.0</c>: a rich message ⇄ an HTTP message (headers + body) per RFC 9421. A signed message keeps its
/// signatures: they travel as <c>signature</c> / <c>signature-input</c> headers and come back as commitments.
/// </summary>
public static class HttpSigCodec
{
    public const string Name = CodecNames.HttpSig;

    public static Message Encode(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var plain = message.WithoutPriv();
        var encoded = HttpSigEncoder.Encode(StructuredCodec.ToTabm(plain.Remove(MessageKeysOf.Commitments)));
        if (plain.Get(MessageKeysOf.Commitments) is not Message commitments || commitments.IsEmpty) return encoded;
        var withHmac = HttpSigCommitments.ResetHmac(plain);
        foreach (var (_, c) in ((Message)withHmac.Get(MessageKeysOf.Commitments)!).Entries)
        {
            if (c is not Message commitment || commitment.GetText(MessageKeysOf.Alg) != MessageKeysOf.HmacAlg) continue;
            if (commitment.Get(MessageKeysOf.Signature) is not { } signature) continue;
            encoded = encoded.Set(MessageKeysOf.Signature, signature)
                .Set(MessageKeysOf.SignatureInput, commitment.Get(MessageKeysOf.SignatureInput)!);
        }
        foreach (var (_, c) in commitments.Entries)
            if (c is Message commitment)
                foreach (var (k, v) in commitment.Entries)
                    if (k.StartsWith("hashpath", StringComparison.Ordinal)) encoded = encoded.Set(k, v);
        return encoded;
    }

    public static Message Decode(Message http, DecodeLimits? limits = null)
    {
        var message = StructuredCodec.FromTabm(HttpSigDecoder.DecodeToTabm(http, limits));
        return message.ContainsKey(MessageKeysOf.Commitments) ? HttpSigCommitments.ResetHmac(message) : message;
    }
}
