using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBeam.Core.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Storage.Tests.Gateway;

/// <summary>
/// A stand-in Arweave gateway on 127.0.0.1 (a real Kestrel server, an ephemeral port): <c>POST /graphql</c>
/// answers the transaction query by ID in the gateway's JSON shape, <c>GET /raw/{id}</c> serves the data.
/// The one permitted fake: the Arweave network cannot be reached from here.
/// </summary>
public sealed class LoopbackGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (JsonObject Node, byte[] Data)> _transactions = new();
    private int _graphQlRequests;
    private int _rawRequests;

    private LoopbackGateway(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int GraphQlRequests => Volatile.Read(ref _graphQlRequests);

    public int RawRequests => Volatile.Read(ref _rawRequests);

    /// <summary>The last GraphQL request body received.</summary>
    public JsonNode? LastQuery { get; private set; }

    /// <summary>When set, /graphql answers with this status and no data.</summary>
    public HttpStatusCode? GraphQlFailure { get; set; }

    /// <summary>When set, /graphql answers 200 with this GraphQL error list and no data.</summary>
    public string? GraphQlError { get; set; }

    /// <summary>When set, /raw answers 404 for every ID.</summary>
    public bool RawMissing { get; set; }

    public static async Task<LoopbackGateway> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gateway = new LoopbackGateway(app);
        app.MapPost("/graphql", gateway.GraphQlAsync);
        app.MapGet("/raw/{id}", gateway.Raw);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        gateway.Url = new Uri(address);
        return gateway;
    }

    /// <summary>Adds a signed transaction with these tags and data; returns its ID and the GraphQL node.</summary>
    public (string Id, JsonObject Node) AddTransaction(byte[] data, params (string Name, string Value)[] tags)
    {
        var id = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var node = new JsonObject
        {
            ["id"] = id,
            ["anchor"] = "",
            ["signature"] = Base64Url.Encode(RandomNumberGenerator.GetBytes(512)),
            ["recipient"] = "",
            ["owner"] = new JsonObject { ["key"] = Base64Url.Encode(RandomNumberGenerator.GetBytes(512)) },
            ["fee"] = new JsonObject { ["winston"] = "0" },
            ["quantity"] = new JsonObject { ["winston"] = "0" },
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["value"] = t.Value })]),
            ["data"] = new JsonObject { ["size"] = data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        _transactions[id] = (node, data);
        return (id, node);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> GraphQlAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _graphQlRequests);
        var body = await JsonNode.ParseAsync(request.Body);
        LastQuery = body;
        if (GraphQlFailure is { } status) return Results.StatusCode((int)status);
        if (GraphQlError is { } error) return Results.Json(new { errors = new[] { new { message = error } } });
        var ids = body?["variables"]?["transactionIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];
        var edges = new JsonArray();
        foreach (var id in ids)
            if (_transactions.TryGetValue(id, out var tx)) edges.Add(new JsonObject { ["node"] = tx.Node.DeepClone() });
        var answer = new JsonObject { ["data"] = new JsonObject { ["transactions"] = new JsonObject { ["edges"] = edges } } };
        return Results.Text(answer.ToJsonString(), "application/json");
    }

    private IResult Raw(string id)
    {
        Interlocked.Increment(ref _rawRequests);
        return !RawMissing && _transactions.TryGetValue(id, out var tx)
            ? Results.Bytes(tx.Data, "application/octet-stream")
            : Results.NotFound();
    }
}
