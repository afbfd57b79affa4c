using System.Text;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Codecs.HttpSig;

/// <summary>
/// Splits an httpsig multipart/form-data body into named parts. Each part names itself in its
/// <c>content-disposition</c> (<c>inline</c> for the inline body key, else <c>form-data;name="a/b"</c>); a part with
/// only that header is a binary, otherwise its headers (and its body, if any) form a message.
/// </summary>
internal static class MultipartParser
{
    public static IReadOnlyList<KeyValuePair<string, AoValue>> Parse(ReadOnlySpan<byte> body, string boundary, string inlineKey, DecodeLimits limits)
    {
        var open = Encoding.ASCII.GetBytes("--" + boundary + "\r\n");
        var close = Encoding.ASCII.GetBytes("\r\n--" + boundary + "--");
        var separator = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var start = body.IndexOf(open);
        var end = body.LastIndexOf(close);
        if (start < 0 || end < start + open.Length)
            throw new CodecException($"the multipart body has no parts delimited by its boundary \"{boundary}\"");

        var inner = body[(start + open.Length)..end];
        var parts = new List<KeyValuePair<string, AoValue>>();
        while (true)
        {
            var next = inner.IndexOf(separator);
            var part = next < 0 ? inner : inner[..next];
            limits.Count(parts.Count + 1);
            parts.Add(ParsePart(part, inlineKey, limits));
            if (next < 0) break;
            inner = inner[(next + separator.Length)..];
            // A delimiter line ends with CRLF before the next part's headers.
            if (inner.StartsWith("\r\n"u8)) inner = inner[2..];
        }
        return parts;
    }

    private static KeyValuePair<string, AoValue> ParsePart(ReadOnlySpan<byte> part, string inlineKey, DecodeLimits limits)
    {
        var split = part.IndexOf("\r\n\r\n"u8);
        var headerBlock = split < 0 ? part : part[..split];
        var rawBody = split < 0 ? [] : part[(split + 4)..];

        string? disposition = null;
        var headers = limits.NewMessage();
        foreach (var line in Lines(headerBlock))
        {
            var colon = line.IndexOf(": "u8);
            if (colon <= 0) continue;
            var name = Encoding.UTF8.GetString(line[..colon]);
            var value = line[(colon + 2)..];
            if (string.Equals(name, "content-disposition", StringComparison.OrdinalIgnoreCase))
                disposition = Encoding.UTF8.GetString(value);
            else
                headers.Set(name, AoBinary.Copy(value));
        }
        if (disposition is null) throw new CodecException("a multipart part has no content-disposition header");

        var partName = PartName(disposition, inlineKey);
        AoValue partValue;
        if (headers.Count == 0) partValue = AoBinary.Copy(rawBody);
        else
        {
            if (!rawBody.IsEmpty) headers.Set("body", AoBinary.Copy(rawBody));
            partValue = headers.Build();
        }
        return new(partName, partValue);
    }

    private static string PartName(string disposition, string inlineKey)
    {
        SfItem item;
        try
        {
            item = StructuredFieldParser.ParseItem(disposition);
        }
        catch (StructuredFieldException e)
        {
            throw new CodecException($"a multipart part has a malformed content-disposition '{disposition}': {e.Message}", e);
        }
        if (item.Value is SfToken { Value: "inline" }) return inlineKey;
        if (item.Parameters.TryGet("name", out var name) && name is SfString s && s.Value.Length > 0) return s.Value;
        throw new CodecException($"the multipart part '{disposition}' has no name");
    }

    private static List<byte[]> Lines(ReadOnlySpan<byte> block)
    {
        var lines = new List<byte[]>();
        while (!block.IsEmpty)
        {
            var i = block.IndexOf("\r\n"u8);
            lines.Add((i < 0 ? block : block[..i]).ToArray());
            if (i < 0) break;
            block = block[(i + 2)..];
        }
        return lines;
    }
}
