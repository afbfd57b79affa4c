using System.Buffers;
using System.Text;
using HyperBeam.Core.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// An ASP.NET request as an HTTP message: lower-cased header names with their raw bytes (Latin-1 maps bytes 1:1),
/// the raw request target as <c>path</c> (undecoded, so <c>%2F</c> keeps its meaning for the URL grammar), the
/// <c>method</c> and the <c>body</c>. Transport headers that say nothing about the message are left out.
/// </summary>
internal static class HttpMessageReader
{
    private static readonly HashSet<string> TransportHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "te", "trailer",
        "accept-encoding", "user-agent", "proxy-connection", "expect", "http2-settings",
    };

    public static async Task<Message> ReadAsync(HttpRequest request, HttpLimits limits, CancellationToken cancellationToken)
    {
        var builder = new MessageBuilder();
        foreach (var (name, values) in request.Headers)
        {
            if (TransportHeaders.Contains(name) || name.StartsWith(':')) continue;
            builder.Set(name, HeaderValue(values.ToString()));
        }
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        builder.Set("path", string.IsNullOrEmpty(target) ? request.Path.Value + request.QueryString.Value : target);
        builder.Set("method", request.Method.ToUpperInvariant());
        var body = await ReadBodyAsync(request, limits.MaxBodyBytes, cancellationToken);
        if (body.Length > 0) builder.Set("body", new AoBinary(body));
        return builder.Build();
    }

    /// <summary>
    /// A header's bytes. Most values are ASCII, whose Latin-1 bytes are their UTF-8 bytes: the binary then keeps the
    /// string as its text, which the decoder reads (a signature header is over a kilobyte) instead of decoding it again.
    /// </summary>
    private static AoBinary HeaderValue(string value) =>
        Ascii.IsValid(value) ? AoBinary.FromString(value) : new AoBinary(Encoding.Latin1.GetBytes(value));

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > 0 and var declared && declared > maxBytes) throw new RequestTooLargeException(maxBytes);
        // Most requests are GETs without a body: nothing to read, nothing to allocate.
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return [];
        if (request.ContentLength is { } length)
        {
            // The declared length is within the limit (the server holds the body to it): read it into its own array.
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, cancellationToken);
            return exact;
        }
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) throw new RequestTooLargeException(maxBytes);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }
}

/// <summary>The body is larger than the node accepts (413).</summary>
internal sealed class RequestTooLargeException(long limit) : Exception($"the request body is larger than the limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}
