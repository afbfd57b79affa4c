using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Devices.Cache;

/// <summary><c>lookup@1.0</c> (HyperBEAM's <c>dev_lookup</c>): <c>read</c> with <c>target</c> = an ID → the cached message, or 404.</summary>
public sealed class LookupDevice : Device
{
    private readonly MessageCache _cache;

    public LookupDevice(MessageCache cache)
        : base(DeviceNames.Lookup, new DeviceInfo { Exports = ["read"] })
    {
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        Map("read", ReadAsync);
    }

    private async ValueTask<ResolveResult> ReadAsync(Message @base, Message request, ResolveContext context)
    {
        if (CacheReplies.Target(request) is not { } target) return CacheReplies.Status(400, "lookup needs a target ID");
        if (!MessageKeys.IsIdShaped(target) || !StorePath.TryParse(target, out var path)) return CacheReplies.Status(400, $"'{target}' is not an ID");
        return await _cache.ReadValueAsync(path, context.CancellationToken).ConfigureAwait(false) is { } message
            ? ResolveResult.Ok(message)
            : CacheReplies.Status(404, $"message {target} is not in the cache");
    }
}
