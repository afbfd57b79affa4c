using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using HyperBeam.Actors.Protocol;
using HyperBeam.Codecs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using System.Diagnostics;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Observability;
using HyperBeam.Http.Observability;
using HyperBeam.Http.Singleton;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HyperBeam.Http.Pipeline;

/// <summary>
/// One HTTP request, start to end:
/// 1. CORS pre-flight and the root redirect; 2. read the HTTP message within the limits; 3. decode it with its
/// <c>codec-device</c>; 4. check signatures by their commitment device (and keep only what they cover); 5. parse the URL grammar into steps;
/// 6. resolve through the node's one resolve entry (<see cref="NodeResolution"/>: the bounded queue, the in-flight table,
/// the node's request and response hooks); 7. encode and write the reply. <c>GET /~meta@1.0/info</c> skips 6 and 7
/// while the node message is the one its kept reply was built for (<see cref="NodeInfoReplies"/>).
/// Bad input stops at the stage that finds it, with a clear 4xx. With <c>tracing</c> on, <c>?trace=1</c> adds the
/// stages and their timings to the reply (<see cref="RequestTrace"/>).
/// </summary>
public sealed class RequestPipeline(NodeState state, NodeResolution resolution, HttpLimits limits, string defaultPage, ILogger<RequestPipeline> log,
    bool tracing = false, DeviceRegistry? devices = null)
{
    private const string DeviceItem = "hb.device";

    private readonly NodeInfoReplies _infoReplies = new();

    public async Task HandleAsync(HttpContext context)
    {
        // ASP.NET Core starts an activity for every request whenever logging is on, recorded only when the host traces
        // requests itself. A span under an unrecorded one is dropped by parent-based samplers, so then the node's
        // span starts the trace.
        if (Activity.Current is { Recorded: false }) Activity.Current = null;
        using var activity = HyperBeamTracing.Source.StartActivity("http.request", ActivityKind.Server);
        activity?.SetTag("url.path", context.Request.Path.Value);
        try
        {
            await HandleStagesAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e)
        {
            // Every expected fault has its own 4xx above: this is a bug, logged with its stack, answered with a 500.
            log.LogError(e, "request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted) await ErrorReplies.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal error");
        }
        finally
        {
            var device = context.Items[DeviceItem] as string ?? "none";
            activity?.SetTag(HyperBeamTracing.DeviceTag, device);
            activity?.SetTag("http.response.status_code", context.Response.StatusCode);
            HyperBeamMetrics.Request(context.Response.StatusCode, device);
        }
    }

    private async Task HandleStagesAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.AccessControlAllowOrigin = "*";
        var request = context.Request;
        if (HttpMethods.IsOptions(request.Method))
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers.AccessControlAllowMethods = ServedMethods.Header;
            response.Headers.AccessControlAllowHeaders = "*";
            response.Headers.AccessControlMaxAge = "86400";
            return;
        }
        if (request.Path == "/" && !request.QueryString.HasValue && HttpMethods.IsGet(request.Method))
        {
            response.Redirect(defaultPage);
            return;
        }

        var trace = tracing && request.Query["trace"] == "1" ? new RequestTrace() : null;
        Message http;
        try
        {
            http = await HttpMessageReader.ReadAsync(request, limits, context.RequestAborted);
            trace?.Mark("read");
        }
        catch (RequestTooLargeException e)
        {
            await ErrorReplies.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, e.Message);
            return;
        }
        catch (BadHttpRequestException e)
        {
            await ErrorReplies.WriteAsync(context, e.StatusCode, e.Message);
            return;
        }

        var node = state.Current;
        if (await DecodeAsync(context, http, node) is not (var aoRequest, var authority)) return;
        trace?.Mark("decode");

        IReadOnlyList<ResolveInput> steps;
        try
        {
            steps = LegacySchedulerRoute.Apply(SingletonParser.Parse(aoRequest, limits), request);
            trace?.Mark("parse");
        }
        catch (SingletonParseException e)
        {
            await ErrorReplies.WriteAsync(context, e.StatusCode, $"bad request path: {e.Message}");
            return;
        }
        if (!NodeFlags.IsInitialized(node) && !IsMetaInfo(steps))
        {
            await ErrorReplies.WriteAsync(context, StatusCodes.Status400BadRequest, "Node must be initialized before use.");
            return;
        }

        context.Items[DeviceItem] = FirstDevice(steps);
        var codec = ReplyCodecs.Choose(http, steps, node);
        var infoReply = NodeInfoReplies.Qualifies(http, node, trace);
        if (infoReply && _infoReplies.Find(node, codec) is { } kept)
        {
            await kept.WriteAsync(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        var outcome = await resolution.ResolveAsync(aoRequest, steps, authority, DedupKey(http, authority), context.RequestAborted);
        HyperBeamMetrics.Resolved(Stopwatch.GetElapsedTime(started));
        trace?.Mark("resolve");
        if (outcome is null)
        {
            await ErrorReplies.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "the node is busy; try again shortly", retryAfterSeconds: 1);
            return;
        }
        var reply = ReplyWriter.Build(outcome.Result, codec, state, log, trace);
        if (infoReply) _infoReplies.Keep(node, state.Current, codec, reply);
        await reply.WriteAsync(context);
    }

    /// <summary>
    /// Stages 3 and 4: the request as a message and who stands behind it. A signed request keeps only the keys its
    /// signatures cover, plus its path and method; the keys of the path's query string only when the signatures
    /// cover the path itself, else they are dropped before anything reads them.
    /// </summary>
    private async Task<(Message Request, RequestAuthority Authority)?> DecodeAsync(HttpContext context, Message http, Message node)
    {
        var codec = http.GetText("codec-device") ?? CodecFromQuery(http.GetText("path")) ?? CodecNames.HttpSig;
        if (!WireCodecs.IsKnown(codec))
        {
            await ErrorReplies.WriteAsync(context, StatusCodes.Status400BadRequest, $"unknown codec-device '{codec}'");
            return null;
        }
        Message decoded;
        DataItem? receivedItem;
        try
        {
            decoded = WireCodecs.DecodeRequest(codec, http, new DecodeLimits { MaxKeys = limits.MaxKeys, Cancellation = context.RequestAborted }, out receivedItem);
        }
        catch (MessageKeyLimitException e)
        {
            await ErrorReplies.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"the request is too large: {e.Message} (hyperbeam.limits.max-keys = {e.Limit})");
            return null;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left mid-decode: the work stops here, and is counted so that it can be seen to stop.
            HyperBeamMetrics.Abandoned("decode");
            throw;
        }
        catch (CodecException e)
        {
            await ErrorReplies.WriteAsync(context, StatusCodes.Status400BadRequest, $"the request does not decode as {codec}: {e.Message}");
            return null;
        }
        // RFC 9421 signatures may cover the authority and scheme the request came with: the commitments keep them.
        if (codec == CodecNames.HttpSig) decoded = HttpSigCommitments.WithReceivedTarget(decoded, context.Request.Scheme, context.Request.Host.Value);
        switch (RequestSignatures.Check(decoded, receivedItem, codec))
        {
            case SignatureCheck.Unsigned when NodeFlags.ForceSignedRequests(node):
                await ErrorReplies.WriteAsync(context, StatusCodes.Status400BadRequest, "this node accepts only signed requests");
                return null;
            case SignatureCheck.Unsigned:
                return (WireCodecs.WithHttpTarget(codec, decoded, http), RequestAuthorityReader.Read(null, http, context, state.Address));
            case SignatureCheck.Invalid:
                await ErrorReplies.WriteAsync(context, StatusCodes.Status400BadRequest, "the request's signature does not verify");
                return null;
            default:
                var request = WireCodecs.WithHttpTarget(codec, RequestSignatures.OnlyCommitted(decoded), http);
                if (!RequestSignatures.CoversPath(decoded, http)) request = RequestSignatures.WithoutQuery(request);
                return (request, RequestAuthorityReader.Read(decoded, http, context, state.Address));
        }
    }

    /// <summary>
    /// <c>?codec-device=…</c> when no header names it: upload clients post to
    /// <c>/~bundler@1.0/tx?codec-device=ans104@1.0</c>. Only this key of the query is read before decoding.
    /// </summary>
    private static string? CodecFromQuery(string? path)
    {
        var query = path?.IndexOf('?') ?? -1;
        if (query < 0) return null;
        foreach (var pair in path![(query + 1)..].Split('&'))
            if (pair.StartsWith("codec-device=", StringComparison.Ordinal))
                return Uri.UnescapeDataString(pair["codec-device=".Length..]);
        return null;
    }

    /// <summary>
    /// The device of the first step that names one: the metric label of the request. Names the node does not know
    /// become <c>unknown</c>, so clients cannot grow the label set without bound.
    /// </summary>
    private string FirstDevice(IReadOnlyList<ResolveInput> steps)
    {
        foreach (var step in steps)
        {
            var name = step switch
            {
                AsInput a => a.Device,
                ValueInput { Value: Message m } => m.GetText("device"),
                _ => null,
            };
            if (name is null) continue;
            return devices is null || devices.TryGet(name, out _) ? name : "unknown";
        }
        return "message@1.0";
    }

    private static bool IsMetaInfo(IReadOnlyList<ResolveInput> steps) =>
        steps.Count == 2 && steps[0] is AsInput { Device: "meta@1.0" } && steps[1] is ValueInput { Value: Message m } && m.GetText("path") == "info";

    /// <summary>
    /// Requests that are the same to the byte (method, target, headers, body) and come with the same authority share
    /// one resolution: a loopback caller must not be answered with a remote caller's refusal, nor the reverse.
    /// </summary>
    private static string DedupKey(Message http, RequestAuthority authority)
    {
        // The usual request is a few hundred bytes: laid out in one pooled buffer and hashed in one call; a large
        // body is hashed as it is, without a copy. Both hash the same bytes.
        var size = 1;
        foreach (var (key, value) in http.Entries) size += Encoding.UTF8.GetMaxByteCount(key.Length) + 2 + (value is AoBinary b ? b.Length : 0);
        if (size > SmallRequestBytes) return LargeDedupKey(http, authority);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var at = 0;
            buffer[at++] = authority.FromHost ? (byte)1 : (byte)0;
            foreach (var (key, value) in http.Entries)
            {
                at += Encoding.UTF8.GetBytes(key, buffer.AsSpan(at));
                buffer[at++] = 0;
                if (value is AoBinary b)
                {
                    b.Span.CopyTo(buffer.AsSpan(at));
                    at += b.Length;
                }
                buffer[at++] = 0;
            }
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, at), hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const int SmallRequestBytes = 16 * 1024;

    private static string LargeDedupKey(Message http, RequestAuthority authority)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([authority.FromHost ? (byte)1 : (byte)0]);
        foreach (var (key, value) in http.Entries)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key));
            hash.AppendData([0]);
            if (value is AoBinary b) hash.AppendData(b.Span);
            hash.AppendData([0]);
        }
        return Convert.ToBase64String(hash.GetHashAndReset());
    }
}
