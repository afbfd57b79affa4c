using System.Net.Http.Headers;
using System.Text;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// An AO message as the HTTP request that carries it (httpsig@1.0: keys as headers, the body as the body), for the
/// bench's own client and, as raw bytes, for wrk's request pool.
/// </summary>
public sealed record EncodedRequest(string Method, string Path, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[]? Body)
{
    public static EncodedRequest Of(string method, string path, Message message)
    {
        var encoded = HttpSigCodec.Encode(message);
        var body = (encoded.Get("body") as AoBinary)?.ToArray();
        if (body is null && encoded.ContainsKey("content-type")) body = [];
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in encoded.Entries)
            if (key != "body") headers.Add(new(key, Encoding.Latin1.GetString(((AoBinary)value).Span)));
        return new EncodedRequest(method, path, headers, body);
    }

    public HttpRequestMessage ToHttpRequestMessage()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null) request.Content = new ByteArrayContent(Body);
        foreach (var (name, value) in Headers)
        {
            if (name == "content-type") request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            else if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>The HTTP/1.1 request as sent on the wire, with a <c>Host</c> header (required, not signed).</summary>
    public byte[] ToRawBytes(string host)
    {
        var head = new StringBuilder().Append(Method).Append(' ').Append(Path).Append(" HTTP/1.1\r\nHost: ").Append(host).Append("\r\n");
        foreach (var (name, value) in Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Content-Length: ").Append(Body?.Length ?? 0).Append("\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. Body ?? []];
    }
}
