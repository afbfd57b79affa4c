using System.Net.Http.Headers;
using System.Text;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Tests.Shared;

/// <summary>Turns AO messages into HTTP requests (httpsig@1.0) and HTTP replies back into AO messages.</summary>
public static class HttpMessages
{
    public static HttpRequestMessage Request(HttpMethod method, string path, Message message)
    {
        var encoded = HttpSigCodec.Encode(message);
        var request = new HttpRequestMessage(method, path);
        var body = (encoded.Get("body") as AoBinary)?.ToArray();
        if (body is not null || encoded.ContainsKey("content-type"))
            request.Content = new ByteArrayContent(body ?? []);
        foreach (var (key, value) in encoded.Entries)
        {
            if (key == "body") continue;
            var text = Encoding.Latin1.GetString(((AoBinary)value).Span);
            if (key == "content-type") request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(text);
            else if (!request.Headers.TryAddWithoutValidation(key, text)) request.Content!.Headers.TryAddWithoutValidation(key, text);
        }
        return request;
    }

    /// <summary>
    /// A request signed by <paramref name="wallet"/> over its keys and over the path and method it is sent to, as a
    /// request that carries authority (meta@1.0 changes, relay's requires-sign) must be.
    /// </summary>
    public static HttpRequestMessage Signed(HttpMethod method, string path, Message message, Wallet wallet) =>
        Request(method, path, HttpSigCommitments.Commit(message.Set("path", path).Set("method", method.Method), wallet));

    /// <summary>A request that carries its whole message in the body, in <paramref name="codec"/> (json@1.0, flat@1.0, ans104@1.0).</summary>
    public static HttpRequestMessage InCodec(HttpMethod method, string path, string codec, byte[] body)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("codec-device", codec);
        return request;
    }

    /// <summary>The reply as the HTTP message a codec reads: lower-cased headers and the body.</summary>
    public static async Task<Message> ReplyAsync(HttpResponseMessage response)
    {
        var builder = new MessageBuilder();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name.Equals("date", StringComparison.OrdinalIgnoreCase) || name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("access-control", StringComparison.OrdinalIgnoreCase)) continue;
            builder.Set(name.ToLowerInvariant(), new AoBinary(Encoding.Latin1.GetBytes(string.Join(", ", values))));
        }
        var body = await response.Content.ReadAsByteArrayAsync();
        if (body.Length > 0) builder.Set("body", new AoBinary(body));
        return builder.Build();
    }

    public static async Task<Message> DecodeReplyAsync(HttpResponseMessage response) => HttpSigCodec.Decode(await ReplyAsync(response));
}
