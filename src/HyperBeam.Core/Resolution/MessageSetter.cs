using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// HyperBEAM's <c>hb_ao:set</c> / <c>deep_set</c> / <c>device_set</c>: setting goes through each message's own
/// device (its <c>set</c> key), so a device can react to writes. A key may be a path (<c>a/b/c</c>): the messages
/// along it are set in explicit mode, and missing ones are created as plain messages.
/// </summary>
internal static class MessageSetter
{
    /// <summary>Sets every key of <paramref name="values"/> (except <c>hashpath</c>) on the base, one at a time.</summary>
    public static async ValueTask<ResolveResult> SetAsync(ResolvePipeline engine, AoValue @base, Message values, ResolveContext ctx)
    {
        ctx = ctx.WithOptions(ctx.Options.Internal);
        // HyperBEAM reads each value through the values message's device; without one that is the raw value.
        var throughDevice = values.ContainsKey("device");
        var current = @base;
        for (var i = 0; i < values.Count; i++)
        {
            var (key, raw) = values.Entries[i];
            if (key == Hashpath.PrivateKey) continue;
            var value = raw;
            if (throughDevice)
            {
                var read = await engine.ApplyAsync(values, Message.Empty.Set("path", key), key, ctx).ConfigureAwait(false);
                if (read.IsOk) value = read.Value;
            }
            var set = await SetAsync(engine, current, key, value, ctx).ConfigureAwait(false);
            if (!set.IsOk) return set;
            current = set.Value;
        }
        return ResolveResult.Ok(current);
    }

    /// <summary>Sets one key, which may be a path of nested keys.</summary>
    public static ValueTask<ResolveResult> SetAsync(ResolvePipeline engine, AoValue @base, string keyPath, AoValue value, ResolveContext ctx)
    {
        ctx = ctx.WithOptions(ctx.Options.Internal);
        if (keyPath.Length == 0) return ValueTask.FromResult(ResolveResult.Error("cannot set an empty key", ResolveErrorCodes.MalformedPath));
        var parts = keyPath.IndexOf('/') < 0 ? [keyPath] : keyPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return DeepSetAsync(engine, @base, parts, 0, value, ctx);
    }

    private static async ValueTask<ResolveResult> DeepSetAsync(
        ResolvePipeline engine, AoValue @base, string[] parts, int index, AoValue value, ResolveContext ctx)
    {
        var remaining = parts.Length - index;
        if (remaining == 0)
            return @base is Message or AoList
                ? await DeviceSetAsync(engine, @base, "/", value, explicitMode: false, ctx).ConfigureAwait(false)
                : ResolveResult.Ok(value);
        var key = parts[index];
        if (remaining == 1) return await DeviceSetAsync(engine, @base, key, value, explicitMode: false, ctx).ConfigureAwait(false);

        var existing = await engine.ApplyAsync(@base, Message.Empty.Set("path", key), key, ctx).ConfigureAwait(false);
        if (existing.IsOk)
        {
            var inner = await DeepSetAsync(engine, existing.Value, parts, index + 1, value, ctx).ConfigureAwait(false);
            return inner.IsOk ? await DeviceSetAsync(engine, @base, key, inner.Value, explicitMode: true, ctx).ConfigureAwait(false) : inner;
        }
        if (@base is not Message message)
            return ResolveResult.Error($"cannot set '{string.Join('/', parts)}': '{key}' is under a {@base.TypeName}, not a message");
        var created = await DeepSetAsync(engine, Message.Empty, parts, index + 1, value, ctx).ConfigureAwait(false);
        return created.IsOk ? ResolveResult.Ok(message.Set(key, created.Value)) : created;
    }

    private static ValueTask<ResolveResult> DeviceSetAsync(
        ResolvePipeline engine, AoValue @base, string key, AoValue value, bool explicitMode, ResolveContext ctx)
    {
        var request = key switch
        {
            "path" => Message.Of(("path", "set-path"), ("value", value)),
            "/" when value is Message merge => merge.Set("path", "set"),
            _ => Message.Empty.Set("path", "set").Set(key, value),
        };
        if (explicitMode) request = request.Set("set-mode", "explicit");
        var function = key == "path" ? "set-path" : "set";
        return engine.ApplyAsync(@base, request, function, ctx);
    }
}
