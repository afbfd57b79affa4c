using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Devices.Relay;

/// <summary>
/// One relayed HTTP exchange (HyperBEAM's <c>hb_http:request</c>): the message goes out encoded with
/// <c>httpsig@1.0</c> (headers and body), the reply comes back decoded the same way, with its <c>status</c>; a reply
/// that is not valid httpsig is kept as its headers and raw <c>body</c>. The status sets the result's: 201 created,
/// below 400 ok, below 500 error, else failure. An <c>ao-result</c> header names the one key to return. A timeout or
/// an unreachable peer is an unavailable result; only the caller's own cancellation throws.
/// </summary>
internal static class RelayHttp
{
    /// <summary>Headers about the connection, not the message: never sent from a message, never read into one.</summary>
    private static readonly HashSet<string> TransportHeaders =
        new(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "te", "trailer", "date", "server"], StringComparer.OrdinalIgnoreCase);

    private static readonly System.Net.Http.Headers.ViaHeaderValue ViaMark = new("1.1", "hyperbeam-relay");

    public static async Task<ResolveResult> SendAsync(
        HttpClient client, string method, string uri, Message message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            return ResolveResult.Error($"relay: '{uri}' is not an http(s) URL");
        HttpMethod httpMethod;
        try
        {
            httpMethod = new HttpMethod(method);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return ResolveResult.Error($"relay: '{method}' is not an HTTP method");
        }
        using var http = new HttpRequestMessage(httpMethod, target);
        if (Prepare(http, message) is { } problem) return ResolveResult.Error($"relay to {uri}: {problem}");
        // Marks the request as forwarded: a node that receives it (this one included, over loopback) must not take it
        // for a request from its own host.
        http.Headers.Via.Add(ViaMark);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var reply = await client.SendAsync(http, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            var body = await reply.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
            return Result((int)reply.StatusCode, ToMessage(reply, body), uri);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ResolveResult.Unavailable($"relay to {uri} timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException e)
        {
            return ResolveResult.Unavailable($"relay to {uri} failed: {e.Message}");
        }
    }

    /// <summary>Puts the encoded message on the request; the reason when it cannot go as HTTP.</summary>
    private static string? Prepare(HttpRequestMessage http, Message message)
    {
        Message encoded;
        try
        {
            encoded = HttpSigCodec.Encode(message);
        }
        catch (CodecException e)
        {
            return $"the message cannot be encoded as httpsig: {e.Message}";
        }
        HttpContent? content = encoded.Get("body") is AoBinary body ? new ByteArrayContent(body.ToArray()) : null;
        foreach (var (name, value) in encoded.Entries)
        {
            if (name == "body" || TransportHeaders.Contains(name)) continue;
            var text = ((AoBinary)value).Text;
            if (text.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0) return $"the value of '{name}' cannot be an HTTP header (it holds a line break or NUL)";
            if (http.Headers.TryAddWithoutValidation(name, text)) continue;
            // Content headers (content-type, content-digest…) go on the content, which a bodiless message still needs then.
            content ??= new ByteArrayContent([]);
            if (!content.Headers.TryAddWithoutValidation(name, text)) return $"'{name}' is not a valid HTTP header name";
        }
        http.Content = content;
        return null;
    }

    private static Message ToMessage(HttpResponseMessage reply, byte[] body)
    {
        var raw = new MessageBuilder();
        foreach (var (name, values) in reply.Headers.Concat(reply.Content.Headers))
        {
            // A peer must not reach our messages' private part (hashpaths, node state) through a header.
            if (TransportHeaders.Contains(name) || MessageKeys.IsPrivate(name)) continue;
            raw.Set(name.ToLowerInvariant(), string.Join(", ", values));
        }
        if (body.Length > 0) raw.Set("body", new AoBinary(body));
        var http = raw.Build();
        try
        {
            return HttpSigCodec.Decode(http);
        }
        catch (CodecException)
        {
            return http;
        }
    }

    private static ResolveResult Result(int status, Message reply, string uri)
    {
        reply = reply.Set("status", status);
        AoValue value = reply;
        if (reply.Get("ao-result") is AoBinary key)
        {
            if (reply.Get(key.Text) is not { } only)
                return ResolveResult.Failure($"the reply from {uri} names '{key.Text}' as its result but has no such key");
            value = only;
        }
        return status switch
        {
            201 => ResolveResult.Created(value),
            < 400 => ResolveResult.Ok(value),
            < 500 => new ResolveResult(ResolveStatus.Error, value, $"{uri} answered {status}"),
            _ => new ResolveResult(ResolveStatus.Failure, value, $"{uri} answered {status}"),
        };
    }
}
