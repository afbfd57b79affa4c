using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HyperBeam.Core.Messages;

namespace HyperBeam.Storage.Gateway;

/// <summary>
/// Reads transactions from an Arweave gateway as HyperBEAM's <c>hb_gateway_client</c> does: the tags, owner and
/// signature by ID through <c>POST {base}/graphql</c>, the data through <c>GET {base}/raw/{id}</c>.
/// "Not found" is null; anything else that is not the data is a <see cref="StoreException"/>.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    /// <summary>The query HyperBEAM sends (<c>hb_gateway_client:read/2</c> with its <c>item_spec</c>).</summary>
    public const string TransactionQuery =
        "query($transactionIds: [ID!]!) { transactions(ids: $transactionIds, first: 1){ edges { node { " +
        "id anchor signature recipient owner { key } fee { winston } quantity { winston } tags { name value } data { size } " +
        "} } } }";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <param name="baseUrl">The gateway, e.g. <c>https://arweave.net</c>.</param>
    /// <param name="http">A client to share; when null one is made with <paramref name="timeout"/> and disposed here.</param>
    public GatewayClient(Uri baseUrl, HttpClient? http = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"the gateway URL '{baseUrl}' is not an absolute http(s) URL", nameof(baseUrl));
        // A trailing slash makes "raw/…" and "graphql" land beneath the base path rather than replace its last part.
        BaseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        Name = "gateway:" + BaseUrl.AbsoluteUri.TrimEnd('/');
    }

    public Uri BaseUrl { get; }

    public string Name { get; }

    /// <summary>The transaction with its data as a message, or null when the gateway does not know the ID.</summary>
    public async Task<Message?> ReadMessageAsync(string id, CancellationToken cancellationToken = default)
    {
        if (await QueryTransactionAsync(id, cancellationToken).ConfigureAwait(false) is not { } node) return null;
        var size = node.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("size", out var s)
            ? s.ToString()
            : null;
        var data = size == "0"
            ? []
            : await ReadDataAsync(id, cancellationToken).ConfigureAwait(false)
              ?? throw Failure(id, StoreErrorKind.Remote, "GraphQL knows the transaction but /raw has no data for it");
        try
        {
            return GatewayMessage.FromTransaction(node, data);
        }
        catch (FormatException e)
        {
            throw Failure(id, StoreErrorKind.Remote, "the GraphQL answer is not a transaction", e);
        }
    }

    /// <summary>The transaction's raw data, or null on 404.</summary>
    public async Task<byte[]?> ReadDataAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(id, new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "raw/" + Uri.EscapeDataString(id))), cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        EnsureSuccess(id, response, "/raw");
        return await ReadBodyAsync(id, response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The GraphQL node of the transaction, or null when there is none.</summary>
    public async Task<JsonElement?> QueryTransactionAsync(string id, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "graphql"))
        {
            Content = JsonContent.Create(new { query = TransactionQuery, variables = new { transactionIds = new[] { id } } }),
        };
        using var response = await SendAsync(id, request, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(id, response, "/graphql");
        var body = await ReadBodyAsync(id, response, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                var errors = root.TryGetProperty("errors", out var e) ? e.ToString() : "no data";
                throw Failure(id, StoreErrorKind.Remote, $"GraphQL answered with errors: {Shorten(errors)}");
            }
            var edges = data.GetProperty("transactions").GetProperty("edges");
            if (edges.GetArrayLength() == 0) return null;
            return edges[0].GetProperty("node").Clone();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Failure(id, StoreErrorKind.Remote, "the GraphQL answer is not the expected JSON", e);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(string id, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw Failure(id, StoreErrorKind.Io, $"the request to {request.RequestUri} failed", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failure(id, StoreErrorKind.Io, $"the request to {request.RequestUri} timed out", e);
            }
        }
    }

    private async Task<byte[]> ReadBodyAsync(string id, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Failure(id, StoreErrorKind.Io, "the response body could not be read", e);
        }
    }

    private void EnsureSuccess(string id, HttpResponseMessage response, string route)
    {
        if (!response.IsSuccessStatusCode)
            throw Failure(id, StoreErrorKind.Remote, $"{route} answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    private StoreException Failure(string id, StoreErrorKind kind, string detail, Exception? inner = null) =>
        new(Name, StorePath.TryParse(id, out var path) ? path : null, kind, detail, inner);

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
