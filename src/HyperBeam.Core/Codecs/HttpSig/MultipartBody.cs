using System.Security.Cryptography;
using System.Text;
using HyperBeam.Core.Ids;

namespace HyperBeam.Core.Codecs.HttpSig;

/// <summary>
/// The multipart/form-data body of an httpsig message. The boundary is derived from the parts themselves
/// (base64url of SHA-256 over the parts joined by CRLF), so the same message always encodes to the same bytes.
/// </summary>
internal static class MultipartBody
{
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    public sealed record Part(string Name, byte[] Bytes);

    public static (string Boundary, byte[] Body) Build(IReadOnlyList<Part> parts)
    {
        var joined = new MemoryStream();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0) joined.Write(Crlf);
            joined.Write(parts[i].Bytes);
        }
        var boundary = Base64Url.Encode(SHA256.HashData(joined.GetBuffer().AsSpan(0, (int)joined.Length)));
        var boundaryBytes = Encoding.ASCII.GetBytes(boundary);

        var body = new MemoryStream();
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0) body.Write(Crlf);
            body.Write("--"u8);
            body.Write(boundaryBytes);
            body.Write(Crlf);
            body.Write(parts[i].Bytes);
        }
        body.Write(Crlf);
        body.Write("--"u8);
        body.Write(boundaryBytes);
        body.Write("--"u8);
        return (boundary, body.ToArray());
    }

    /// <summary>A part made of header lines (sorted by name) and an optional body after a blank line.</summary>
    public static byte[] EncodePart(IEnumerable<KeyValuePair<string, byte[]>> headers, byte[]? body)
    {
        var output = new MemoryStream();
        var first = true;
        foreach (var (name, value) in headers)
        {
            if (!first) output.Write(Crlf);
            first = false;
            output.Write(Encoding.UTF8.GetBytes(name));
            output.Write(": "u8);
            output.Write(value);
        }
        if (body is { Length: > 0 })
        {
            output.Write(Crlf);
            output.Write(Crlf);
            output.Write(body);
        }
        return output.ToArray();
    }
}
