using System.Collections.Concurrent;
using System.Net;
using System.Text;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Devices.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (a free port) standing in for a peer node:
/// <list type="bullet">
/// <item><c>/echo/…</c>: decodes the request as httpsig and answers it back, plus <c>echo-method</c>,
///   <c>echo-path</c>, <c>echo-committers</c> and <c>echo-verified</c> (whether its signatures verify);</item>
/// <item><c>/status/N</c>: answers status N with a plain-text body;</item>
/// <item><c>/headers?name=value…</c>: answers with those response headers;</item>
/// <item><c>/hang</c>: never answers (until the client gives up);</item>
/// <item><c>/gate/NAME</c>: records the request under NAME, then answers only once the test opens the gate.</item>
/// </list>
/// </summary>
internal sealed class PeerServer : IAsyncDisposable
{
    private static readonly HashSet<string> TransportHeaders =
        new(["host", "connection", "content-length", "transfer-encoding", "accept-encoding"], StringComparer.OrdinalIgnoreCase);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Gate> _gates = new();

    private PeerServer(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public static async Task<PeerServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.UTF8;
            kestrel.ResponseHeaderEncodingSelector = _ => Encoding.UTF8;
        });
        var server = new PeerServer(builder.Build());
        server._app.Map("/echo/{**rest}", server.EchoAsync);
        server._app.Map("/status/{code:int}", async (HttpContext context, int code) =>
        {
            context.Response.StatusCode = code;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"status {code}");
        });
        server._app.Map("/headers", (HttpContext context) =>
        {
            foreach (var (name, value) in context.Request.Query) context.Response.Headers[name] = value;
        });
        server._app.Map("/hang", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        server._app.Map("/gate/{name}", server.GateAsync);
        await server._app.StartAsync();
        var addresses = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        server.Url = addresses.Addresses.Single().TrimEnd('/');
        return server;
    }

    /// <summary>The gate for <c>/gate/NAME</c>: when a request arrived, and the switch that lets it be answered.</summary>
    public Gate GateFor(string name) => _gates.GetOrAdd(name, _ => new Gate());

    private async Task EchoAsync(HttpContext context)
    {
        var received = await ReadMessageAsync(context.Request);
        if (received is null)
        {
            context.Response.StatusCode = 400;
            return;
        }
        var committers = HttpSigCommitments.Committers(received);
        var reply = received.Remove("commitments")
            .Set("echo-method", context.Request.Method)
            .Set("echo-path", context.Request.Path + context.Request.QueryString)
            .Set("echo-committers", new AoList(committers.Select(c => (AoValue)c)))
            .Set("echo-verified", committers.Count > 0 && HttpSigCommitments.Verify(received));
        await WriteMessageAsync(context.Response, reply);
    }

    private async Task GateAsync(HttpContext context, string name)
    {
        var gate = GateFor(name);
        gate.Arrived.TrySetResult(await ReadMessageAsync(context.Request) ?? Message.Empty);
        await gate.Open.Task.WaitAsync(context.RequestAborted);
        await WriteMessageAsync(context.Response, Message.Of(("gate", name)));
    }

    private static async Task<Message?> ReadMessageAsync(HttpRequest request)
    {
        var http = new MessageBuilder();
        foreach (var (name, values) in request.Headers)
            if (!TransportHeaders.Contains(name)) http.Set(name.ToLowerInvariant(), values.ToString());
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        if (buffer.Length > 0) http.Set("body", buffer.ToArray());
        try
        {
            return HttpSigCodec.Decode(http.Build());
        }
        catch (CodecException)
        {
            return null;
        }
    }

    private static async Task WriteMessageAsync(HttpResponse response, Message message)
    {
        var encoded = HttpSigCodec.Encode(message);
        foreach (var (name, value) in encoded.Entries)
            if (name != "body") response.Headers[name] = ((AoBinary)value).Text;
        if (encoded.Get("body") is AoBinary body) await response.Body.WriteAsync(body.Memory);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gate in _gates.Values) gate.Open.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed class Gate
    {
        public TaskCompletionSource<Message> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
