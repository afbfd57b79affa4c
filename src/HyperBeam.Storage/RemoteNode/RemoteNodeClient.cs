using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Storage.RemoteNode;

/// <summary>
/// Talks to another node's <c>cache@1.0</c> over HTTP with httpsig@1.0 messages (HyperBEAM's
/// <c>hb_store_remote_node</c>): <c>GET /~cache@1.0/read?target=…</c> and signed <c>POST /~cache@1.0/write</c>.
/// </summary>
public sealed class RemoteNodeClient : IDisposable
{
    // Transport headers that are not part of the encoded message.
    private static readonly HashSet<string> TransportHeaders =
        new(["date", "content-length", "transfer-encoding", "connection", "keep-alive", "server"], StringComparer.OrdinalIgnoreCase);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public RemoteNodeClient(Uri node, HttpClient? http = null, TimeSpan? timeout = null)
    {
        Node = node ?? throw new ArgumentNullException(nameof(node));
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        Name = "remote-node:" + node.GetLeftPart(UriPartial.Authority);
    }

    public Uri Node { get; }

    public string Name { get; }

    /// <summary>What the node's cache holds at <paramref name="target"/> (an ID or path): a message, or null on 404.</summary>
    /// <exception cref="StoreException">The node cannot be reached or answers neither the value nor 404.</exception>
    public async Task<Message?> ReadAsync(string target, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(Node, "/~cache@1.0/read?target=" + Uri.EscapeDataString(target));
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), target, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode)
            throw new StoreException(Name, null, StoreErrorKind.Remote, $"{Node} answered {(int)response.StatusCode} reading '{target}'");
        return await DecodeAsync(response, target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes <paramref name="body"/> (a message, or a binary at <paramref name="location"/>) into the node's cache, signed with <paramref name="wallet"/>.</summary>
    /// <exception cref="StoreException">The node refuses (e.g. 403: the wallet is not one of its cache writers) or cannot be reached.</exception>
    public async Task<Message> WriteAsync(AoValue body, string? location, Wallet wallet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        // The request itself is signed: its commitments travel in the signature headers. (A signature on a nested
        // body does not survive the multipart encoding: the commitment IDs, used as part keys, come back lower-cased.)
        var request = Message.Of(("body", body));
        if (location is not null) request = request.Set("location", location);
        request = HttpSigCommitments.Commit(request, wallet);
        using var http = ToHttp(HttpMethod.Post, new Uri(Node, "/~cache@1.0/write"), request);
        using var response = await SendAsync(http, location ?? "message", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new StoreException(Name, null, StoreErrorKind.Remote,
                $"{Node} refused the cache write with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
        return await DecodeAsync(response, "the write", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new StoreException(Name, null, StoreErrorKind.Remote, $"{Node} could not be reached for '{what}': {e.Message}", e);
        }
    }

    private async Task<Message> DecodeAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var builder = new MessageBuilder();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (TransportHeaders.Contains(name) || name.StartsWith("access-control", StringComparison.OrdinalIgnoreCase)) continue;
            builder.Set(name.ToLowerInvariant(), new AoBinary(Encoding.Latin1.GetBytes(string.Join(", ", values))));
        }
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length > 0) builder.Set("body", new AoBinary(bytes));
        try
        {
            return HttpSigCodec.Decode(builder.Build());
        }
        catch (CodecException e)
        {
            throw new StoreException(Name, null, StoreErrorKind.Remote, $"{Node}'s reply for '{what}' is not a valid httpsig message: {e.Message}", e);
        }
    }

    private static HttpRequestMessage ToHttp(HttpMethod method, Uri uri, Message message)
    {
        var encoded = HttpSigCodec.Encode(message);
        var request = new HttpRequestMessage(method, uri);
        var body = (encoded.Get("body") as AoBinary)?.ToArray();
        request.Content = new ByteArrayContent(body ?? []);
        foreach (var (key, value) in encoded.Entries)
        {
            if (key == "body") continue;
            var text = Encoding.Latin1.GetString(((AoBinary)value).Span);
            if (key == "content-type") request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(text);
            else if (!request.Headers.TryAddWithoutValidation(key, text)) request.Content.Headers.TryAddWithoutValidation(key, text);
        }
        return request;
    }
}
