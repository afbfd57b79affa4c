using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Devices.Cache;

/// <summary>
/// <c>cache@1.0</c> (HyperBEAM's <c>dev_cache</c>): the node's message cache over HTTP.
/// <list type="bullet">
/// <item><c>read</c>: <c>target</c> = an ID (unsigned or a commitment ID) or a store path (<c>ID/key</c>,
///   <c>data/…</c>) → the message or binary there; 404 when there is none.</item>
/// <item><c>write</c>: writes the request's <c>body</c> — a message (answers its unsigned <c>id</c>), or a binary at
///   <c>location</c> (or at its content address when none is given) — for a signer in the node's
///   <c>cache_writers</c> only (403 otherwise).</item>
/// <item><c>link</c>: links <c>destination</c> to <c>source</c>, for cache writers only.</item>
/// </list>
/// Unlike HyperBEAM, whose <c>write</c> accepts only binaries (a message body is "Invalid write type"), a message
/// body is written whole, so a remote node store can write messages through.
/// </summary>
public sealed class CacheDevice : Device
{
    private readonly MessageCache _cache;

    public CacheDevice(MessageCache cache)
        : base(DeviceNames.Cache, new DeviceInfo { Exports = ["read", "write", "link"] })
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        Map("read", ReadAsync);
        Map("write", WriteAsync);
        Map("link", LinkAsync);
    }

    private async ValueTask<ResolveResult> ReadAsync(Message @base, Message request, ResolveContext context)
    {
        if (CacheReplies.Target(request) is not { } target) return CacheReplies.Status(400, "read needs a target: an ID or a store path");
        if (!StorePath.TryParse(target, out var path)) return CacheReplies.Status(400, $"'{target}' is not a valid ID or store path");
        return await _cache.ReadValueAsync(path, context.CancellationToken).ConfigureAwait(false) is { } value
            ? ResolveResult.Ok(value)
            : CacheReplies.Status(404, $"'{target}' is not in the cache");
    }

    private async ValueTask<ResolveResult> WriteAsync(Message @base, Message request, ResolveContext context)
    {
        if (CacheWriters.Check(request, context.Node) is { } refused) return refused;
        var type = (request.Get("type") as AoBinary)?.Text ?? "single";
        if (type != "single") return CacheReplies.Status(400, $"write type '{type}' is not supported: only single");
        var location = (request.Get("location") as AoBinary)?.Text;
        switch (request.Get("body"))
        {
            case Message message:
                var id = await _cache.WriteAsync(message, context.CancellationToken).ConfigureAwait(false);
                return ResolveResult.Ok(Message.Of(("status", 200), ("id", id), ("path", id)));
            case AoBinary binary when location is null:
                var dataPath = await _cache.WriteBinaryAsync(binary.Memory, context.CancellationToken).ConfigureAwait(false);
                return ResolveResult.Ok(Message.Of(("status", 200), ("path", dataPath.ToString())));
            case AoBinary binary:
                if (!StorePath.TryParse(location, out var at)) return CacheReplies.Status(400, $"'{location}' is not a valid store path");
                await _cache.Store.WriteAsync(at, binary.Memory, context.CancellationToken).ConfigureAwait(false);
                return ResolveResult.Ok(Message.Of(("status", 200), ("path", at.ToString())));
            case null:
                return CacheReplies.Status(400, "No body to write.");
            default:
                return CacheReplies.Status(400, "Invalid write type: the body must be a message or a binary.");
        }
    }

    private async ValueTask<ResolveResult> LinkAsync(Message @base, Message request, ResolveContext context)
    {
        if (CacheWriters.Check(request, context.Node) is { } refused) return refused;
        var source = (request.Get("source") as AoBinary)?.Text;
        var destination = (request.Get("destination") as AoBinary)?.Text;
        if (source is null || destination is null || !StorePath.TryParse(source, out var from) || !StorePath.TryParse(destination, out var to))
            return CacheReplies.Status(400, "link needs a source and a destination that are valid store paths");
        await _cache.Store.MakeLinkAsync(from, to, context.CancellationToken).ConfigureAwait(false);
        return ResolveResult.Ok(Message.Of(("status", 200)));
    }
}
