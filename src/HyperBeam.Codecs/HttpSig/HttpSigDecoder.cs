using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Codecs.HttpSig;

/// <summary>
/// HTTP message (headers + <c>body</c>, all binaries) → TABM, the inverse of <see cref="HttpSigEncoder"/>:
/// multipart parts become nested messages, <c>ao-ids</c> is ungrouped, and the signature headers become
/// commitments.
/// </summary>
public static class HttpSigDecoder
{
    private static readonly string[] SignatureHeaders = ["signature", "signature-input", MessageKeysOf.Commitments];
    private static readonly string[] BodyKeyHeaders = ["inline-body-key", "ao-body-key"];

    public static Message DecodeToTabm(Message http, DecodeLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        limits ??= DecodeLimits.None;
        var body = http.Get(HttpSigEncoder.BodyKey) as AoBinary ?? AoBinary.Empty;
        var inlineKey = InlineKey(http);
        var headers = http.Without(HttpSigEncoder.BodyKey, HttpSigEncoder.BodyKeysKey);
        // The digest is dropped below and re-derived from the body when a signature is checked; one that does not
        // match the body it came with is refused rather than silently replaced.
        if (http.Get(ContentDigest.HeaderName) is AoBinary digest && !ContentDigest.Matches(digest.Text, body.Span))
            throw new CodecException("the content-digest does not match the body (or names neither sha-256 nor sha-512)");

        var tabm = body.IsEmpty ? headers : WithBody(headers, inlineKey, body, limits);
        tabm = UngroupIds(tabm);
        var hashpaths = Hashpaths(http);
        var signature = http.Get("signature") as AoBinary;
        var signatureInput = http.Get("signature-input") as AoBinary;
        var hashpathKeys = hashpaths.Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
        tabm = tabm.Where((k, _) => !SignatureHeaders.Contains(k) && k != ContentDigest.HeaderName && !hashpathKeys.Contains(k));
        if (signature is null) return WithoutBodyKeyName(tabm, null);
        if (signatureInput is null) throw new CodecException("the message has a signature header but no signature-input");
        return WithoutBodyKeyName(HttpSigCommitments.FromSignatureHeaders(tabm, hashpaths, signature.Text, signatureInput.Text), signatureInput.Text);
    }

    /// <summary>
    /// The header that names the body's key (<c>inline-body-key</c>, or <c>ao-body-key</c> in the newest HyperBEAM) is
    /// about the encoding, not the message: it goes unless a signature covers it (HyperBEAM's <c>is_signed_key</c>).
    /// </summary>
    private static Message WithoutBodyKeyName(Message tabm, string? signatureInput)
    {
        foreach (var key in BodyKeyHeaders)
        {
            if (!tabm.ContainsKey(key)) continue;
            if (signatureInput is not null && signatureInput.Contains($"\"{key}\"", StringComparison.Ordinal)) continue;
            tabm = tabm.Remove(key);
        }
        return tabm;
    }

    private static string InlineKey(Message http)
    {
        if (http.Get("inline-body-key") is AoBinary explicitKey) return explicitKey.Text;
        if (http.Get("ao-body-key") is AoBinary newestKey) return newestKey.Text;
        if (http.ContainsKey(HttpSigEncoder.BodyKey)) return HttpSigEncoder.BodyKey;
        return http.ContainsKey("data") ? "data" : HttpSigEncoder.BodyKey;
    }

    private static Message WithBody(Message headers, string inlineKey, AoBinary body, DecodeLimits limits)
    {
        var boundary = Boundary(headers.GetText("content-type"));
        if (boundary is null) return headers.Set(inlineKey, body);
        // Part names stay as sent: each path segment is normalised on its own, so an ID segment keeps its case.
        var parts = MultipartParser.Parse(body.Span, boundary, inlineKey, limits);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in parts)
            if (!seen.Add(name)) throw new CodecException($"the multipart body holds the part '{name}' twice");
        // The multipart content type is the encoding's own, not the message's: drop it so a round trip is lossless.
        var rest = headers.Remove("content-type");
        var merged = rest.ToBuilder();
        foreach (var (k, v) in PathUnflattener.Unflatten(parts, limits).Entries)
            merged.Set(k, v is Message nested && rest.Get(k) is Message existing ? existing.Merge(nested) : v);
        var result = merged.Build();
        limits.Count(result.Count);
        return result;
    }

    private static string? Boundary(string? contentType)
    {
        if (contentType is null) return null;
        if (!StructuredFieldParser.TryParseItem(contentType, out var item, out _) || item is null) return null;
        return item.Parameters.TryGet("boundary", out var b) ? b switch
        {
            SfString s => s.Value,
            SfToken t => t.Value,
            _ => null,
        } : null;
    }

    private static Message UngroupIds(Message tabm)
    {
        if (tabm.Get("ao-ids") is not AoBinary ids) return tabm;
        SfDictionary dictionary;
        try
        {
            dictionary = StructuredFieldParser.ParseDictionary(Encoding.Latin1.GetString(ids.Span));
        }
        catch (StructuredFieldException e)
        {
            throw new CodecException($"ao-ids is not a structured-field dictionary: {e.Message}", e);
        }
        var output = tabm.Remove("ao-ids").ToBuilder();
        foreach (var (key, member) in dictionary)
        {
            if (member is not SfItem { Value: SfString value })
                throw new CodecException($"ao-ids entry '{key}' is not a string");
            output.Set(key, new AoBinary(Encoding.Latin1.GetBytes(value.Value)));
        }
        return output.Build();
    }

    private static List<KeyValuePair<string, AoValue>> Hashpaths(Message http)
    {
        var found = new List<KeyValuePair<string, AoValue>>();
        foreach (var (k, v) in http.Entries)
            if (k.StartsWith("hashpath", StringComparison.Ordinal)) found.Add(new(k, v));
        return found;
    }
}
