using System.Text;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Codecs.HttpSig;

/// <summary>
/// TABM → HTTP message (headers + body) as HyperBEAM's <c>httpsig@1.0</c> lays it out: short binaries become
/// headers, nested messages and values over 4 KiB go into multipart/form-data parts, the body gets a
/// <c>content-digest</c>. The result is a message whose values are all binaries; <c>body</c> holds the body.
/// </summary>
public static class HttpSigEncoder
{
    /// <summary>Values longer than this travel in the body rather than as headers.</summary>
    public const int MaxHeaderLength = 4096;

    public const string BodyKey = "body";
    public const string BodyKeysKey = "body-keys";
    private const string InlineBodyKeyKey = "inline-body-key";
    private const string AoIdsKey = "ao-ids";

    private static readonly string[] SignatureKeys = ["commitments", "signature", "signature-input"];

    public static Message Encode(Message tabm)
    {
        ArgumentNullException.ThrowIfNull(tabm);
        var (extraHeaders, inlineKey) = InlineKey(tabm);
        var stripped = GroupIds(tabm).Without(SignatureKeys);

        var headers = new SortedDictionary<string, byte[]>(MessageKeys.Order);
        foreach (var (k, v) in extraHeaders) headers[k] = v;
        var bodyMap = new MessageBuilder();
        foreach (var (key, value) in stripped.Entries)
        {
            if (key == BodyKey || key == inlineKey || value is Message) bodyMap.Set(key, value);
            else if (value is AoBinary b && b.Length <= MaxHeaderLength) headers[key] = b.ToArray();
            else if (value is AoBinary) bodyMap.Set(key, value);
            else throw new CodecException($"httpsig encodes TABMs only; '{key}' holds a {value.TypeName}");
        }

        var grouped = GroupMaps(bodyMap.Build());
        byte[]? body = null;
        if (grouped.Count == 1 && grouped.TryGetValue(inlineKey, out var sole) && sole is byte[] soleBody)
        {
            body = soleBody;
        }
        else if (grouped.Count > 0)
        {
            var parts = new List<MultipartBody.Part>(grouped.Count);
            foreach (var (name, value) in grouped) parts.Add(new(name, EncodePart(name, value, inlineKey)));
            var (boundary, multipart) = MultipartBody.Build(parts);
            headers[BodyKeysKey] = EncodeBodyKeys(parts);
            headers["content-type"] = Encoding.ASCII.GetBytes($"multipart/form-data; boundary=\"{boundary}\"");
            body = multipart;
        }
        if (body is { Length: > 0 })
        {
            headers[ContentDigest.HeaderName] = Encoding.ASCII.GetBytes(ContentDigest.Compute(body));
            headers[BodyKey] = body;
        }

        var output = new MessageBuilder();
        foreach (var (k, v) in headers) output.Set(k, new AoBinary(v));
        return output.Build();
    }

    /// <summary>
    /// The encoding that signatures cover: no <c>body-keys</c>, and the body replaced by its content-digest
    /// (signature and signature-input are never part of it).
    /// </summary>
    public static Message EncodeForSignature(Message tabm) =>
        Encode(tabm.Without(BodyKeysKey)).Without(BodyKeysKey, BodyKey, "signature", "signature-input");

    /// <summary>Which key's value is the HTTP body: <c>inline-body-key</c>, else <c>body</c>, else <c>data</c>.</summary>
    private static (Dictionary<string, byte[]> ExtraHeaders, string InlineKey) InlineKey(Message tabm)
    {
        if (tabm.Get(InlineBodyKeyKey) is AoBinary explicitKey) return ([], explicitKey.Text);
        if (tabm.ContainsKey(BodyKey)) return ([], BodyKey);
        if (tabm.ContainsKey("data")) return (new() { [InlineBodyKeyKey] = "data"u8.ToArray() }, "data");
        return ([], BodyKey);
    }

    /// <summary>ID-shaped keys would be lower-cased as headers, so they travel together in one <c>ao-ids</c> dictionary.</summary>
    private static Message GroupIds(Message tabm)
    {
        List<byte>? dictionary = null;
        foreach (var (key, value) in tabm.Entries)
        {
            if (!MessageKeys.IsIdShaped(key) || value is not AoBinary b) continue;
            dictionary ??= [];
            if (dictionary.Count > 0) { dictionary.Add((byte)','); dictionary.Add((byte)' '); }
            dictionary.AddRange(Encoding.UTF8.GetBytes(key));
            dictionary.Add((byte)'=');
            SfText.AppendQuoted(dictionary, b.Span);
        }
        if (dictionary is null) return tabm;
        // One filtering pass: a Remove per ID key would copy the whole message per key.
        var stripped = tabm.Where((key, value) => !(MessageKeys.IsIdShaped(key) && value is AoBinary));
        return stripped.Set(AoIdsKey, new AoBinary(dictionary.ToArray()));
    }

    /// <summary>
    /// Flattens the body map into parts: binaries stay in their message's part, each nested message becomes its own
    /// part named by its path (<c>a/b</c>), and binaries too large for a part header are lifted to their own part.
    /// </summary>
    private static SortedDictionary<string, object> GroupMaps(Message bodyMap)
    {
        var top = new SortedDictionary<string, object>(MessageKeys.Order);
        GroupInto(bodyMap, "", top);
        return top;
    }

    private static void GroupInto(Message map, string parent, SortedDictionary<string, object> top)
    {
        var flat = new SortedDictionary<string, byte[]>(MessageKeys.Order);
        foreach (var (key, value) in map.Entries)
        {
            var path = parent.Length == 0 ? key : parent + "/" + key;
            switch (value)
            {
                case Message nested:
                    GroupInto(nested, path, top);
                    break;
                case AoBinary b when b.Length > MaxHeaderLength:
                    top[path] = b.ToArray();
                    break;
                case AoBinary b:
                    flat[key] = b.ToArray();
                    break;
                default:
                    throw new CodecException($"httpsig encodes TABMs only; '{path}' holds a {value.TypeName}");
            }
        }
        if (flat.Count == 0) return;
        if (parent.Length == 0)
            foreach (var (k, v) in flat) top[k] = v;
        else
            top[parent] = flat;
    }

    private static byte[] EncodePart(string name, object value, string inlineKey)
    {
        // A part holding only `body` is named `x/body`, or decoding would take it for an inline body.
        if (value is SortedDictionary<string, byte[]> { Count: 1 } only && only.ContainsKey(BodyKey))
            return EncodeNamedPart(name + "/" + BodyKey, only, BodyKey);
        return EncodeNamedPart(name, value, inlineKey);
    }

    private static byte[] EncodeNamedPart(string name, object value, string inlineKey)
    {
        var disposition = Encoding.UTF8.GetBytes(name == inlineKey ? "inline" : $"form-data;name=\"{name}\"");
        if (value is byte[] binary)
            return MultipartBody.EncodePart([new("content-disposition", disposition)], binary);
        var fields = (SortedDictionary<string, byte[]>)value;
        var headers = new SortedDictionary<string, byte[]>(MessageKeys.Order) { ["content-disposition"] = disposition };
        foreach (var (k, v) in fields)
            if (k != BodyKey) headers[k] = v;
        return MultipartBody.EncodePart(headers, fields.GetValueOrDefault(BodyKey));
    }

    private static byte[] EncodeBodyKeys(List<MultipartBody.Part> parts)
    {
        var output = new List<byte>();
        foreach (var part in parts)
        {
            if (output.Count > 0) { output.Add((byte)','); output.Add((byte)' '); }
            SfText.AppendQuoted(output, Encoding.UTF8.GetBytes(part.Name));
        }
        return output.ToArray();
    }
}
