using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// The resolver's engine (HyperBEAM's <c>hb_ao:resolve_stage</c>). A request is split into steps, one per path part;
/// each step runs the numbered stages of <see cref="ApplyAsync"/> and its output is the next step's base.
/// Nothing here throws for a domain problem: every failure is a <see cref="ResolveResult"/>.
/// </summary>
internal sealed class ResolvePipeline(DeviceRegistry devices)
{
    public DeviceRegistry Devices => devices;

    /// <summary>Resolves every part of the request's path in turn (HyperBEAM's <c>resolve/3</c>).</summary>
    public async ValueTask<ResolveResult> ResolveAsync(AoValue @base, Message request, ResolveContext ctx)
    {
        if (ctx.Depth > ctx.Options.MaxDepth) return ResolveResult.InfiniteRecursion(ctx.Depth);
        var path = request.Get("path");
        if (!RequestPath.TryParse(path, ctx.Options.MaxKeyBytes, out var parts, out var failure)) return failure;
        if (parts is null) return ResolveResult.Error("the request has no path", ResolveErrorCodes.MalformedPath);

        var current = @base;
        foreach (var part in parts)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            // Each step sees the whole request with `path` narrowed to its own part.
            var step = parts.Length == 1 && path is AoBinary b && b.Text == part.Key ? request : request.Set("path", part.Key);
            var result = part.AsDevice is null
                ? await ApplyAsync(current, step, part.Key, ctx).ConfigureAwait(false)
                : await SubresolveAsync(current, part.AsDevice, step, ctx.Nested(null)).ConfigureAwait(false);
            if (!result.IsOk) return result;
            current = result.Value;
        }
        return ResolveResult.Ok(current);
    }

    /// <summary>Resolves a sequence: each element applied to the result of the ones before (HyperBEAM's <c>resolve_many</c>).</summary>
    public async ValueTask<ResolveResult> ResolveManyAsync(IReadOnlyList<ResolveInput> steps, ResolveContext ctx)
    {
        if (ctx.Depth > ctx.Options.MaxDepth) return ResolveResult.InfiniteRecursion(ctx.Depth);
        if (steps.Count == 0) return ResolveResult.Error("nothing to resolve: the sequence is empty", ResolveErrorCodes.InvalidRequest);

        var first = await ResolveBaseAsync(steps[0], ctx).ConfigureAwait(false);
        if (!first.IsOk || steps.Count == 1) return first;
        var current = first.Value;
        for (var i = 1; i < steps.Count; i++)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            var result = await StepAsync(current, steps[i], ctx).ConfigureAwait(false);
            if (!result.IsOk) return result;
            current = result.Value;
        }
        return ResolveResult.Ok(current);
    }

    /// <summary>
    /// HyperBEAM's <c>subresolve</c>: set <paramref name="device"/> on the base (through the base's own <c>set</c>),
    /// then resolve the request on it; a request without a path instead sets its keys on the base.
    /// </summary>
    public async ValueTask<ResolveResult> SubresolveAsync(AoValue @base, string device, Message request, ResolveContext ctx)
    {
        if (@base is AoList list) @base = list.ToNumberedMessage();
        if (@base is not Message) return ResolveResult.Error($"cannot resolve as {device}: the base is a {@base.TypeName}, not a message");
        var withDevice = await MessageSetter.SetAsync(this, @base, "device", AoBinary.FromString(device), ctx).ConfigureAwait(false);
        if (!withDevice.IsOk) return withDevice;
        if (!RequestPath.TryParse(request.Get("path"), ctx.Options.MaxKeyBytes, out var parts, out var failure)) return failure;
        if (parts is not null) return await ResolveAsync(withDevice.Value, request, ctx).ConfigureAwait(false);
        var parameters = request.Remove("path");
        return parameters.IsEmpty ? withDevice : await MessageSetter.SetAsync(this, withDevice.Value, parameters, ctx).ConfigureAwait(false);
    }

    /// <summary>One step of a sequence: unwraps <c>as</c> and sub-resolved requests, then applies the request.</summary>
    private async ValueTask<ResolveResult> StepAsync(AoValue @base, ResolveInput input, ResolveContext ctx)
    {
        AoValue request;
        switch (input)
        {
            case AsInput @as:
                return await SubresolveAsync(@base, @as.Device, @as.Request, ctx.Nested(null)).ConfigureAwait(false);
            case SubresolveInput sub:
                var resolved = await ResolveManyAsync(sub.Steps, ctx.Nested(null)).ConfigureAwait(false);
                if (!resolved.IsOk) return resolved;
                request = resolved.Value;
                break;
            default:
                request = ((ValueInput)input).Value;
                break;
        }
        // A literal request is a path (HyperBEAM's `resolve_stage(1, Msg1, NonMapMsg2)`).
        var message = request as Message ?? Message.Empty.Set("path", request);
        // In a sequence each request is one step: only the first part of its path is resolved, as in HyperBEAM.
        if (!RequestPath.TryParse(message.Get("path"), ctx.Options.MaxKeyBytes, out var parts, out var failure)) return failure;
        if (parts is not { Length: > 0 }) return ResolveResult.Error("a step in the sequence has no path", ResolveErrorCodes.MalformedPath);
        var head = parts[0];
        return head.AsDevice is null
            ? await ApplyAsync(@base, message, head.Key, ctx).ConfigureAwait(false)
            : await SubresolveAsync(@base, head.AsDevice, message.Set("path", head.Key), ctx.Nested(null)).ConfigureAwait(false);
    }

    /// <summary>The first element of a sequence: a value, or an <c>as</c> / sub-resolution producing the base.</summary>
    private async ValueTask<ResolveResult> ResolveBaseAsync(ResolveInput input, ResolveContext ctx)
    {
        switch (input)
        {
            case AsInput @as when RequestPath.Head(@as.Request) is { } head && MessageKeys.IsIdShaped(head):
                return await LoadByIdAsync(head, ctx).ConfigureAwait(false);
            case AsInput @as:
                return await SubresolveAsync(Message.Empty, @as.Device, @as.Request, ctx.Nested(null)).ConfigureAwait(false);
            case SubresolveInput sub:
                return await ResolveManyAsync(sub.Steps, ctx.Nested(null)).ConfigureAwait(false);
            default:
                var value = ((ValueInput)input).Value;
                // An ID first (`/ID/key`) names the base message; it is loaded whether steps follow or not.
                return value is AoBinary b && MessageKeys.IsIdShaped(b.Text)
                    ? await LoadByIdAsync(b.Text, ctx).ConfigureAwait(false)
                    : ResolveResult.Ok(value);
        }
    }

    /// <summary>
    /// Runs one key against one base, stage by stage:
    /// 1 normalise → 2 cache lookup → 3 validate → 4 recursion limit → 5 device and function lookup → 6 execute
    /// → 7 step hook → 8 sub-resolution → 9 hashpath → 10 cache store.
    /// </summary>
    public async ValueTask<ResolveResult> ApplyAsync(AoValue @base, Message request, string key, ResolveContext ctx)
    {
        @base = Normalize(@base);                                                                  // 1
        if (await LookupCachedAsync(@base, request, ctx).ConfigureAwait(false) is { } cached) return cached;   // 2
        if (@base is not Message message) return ResolveResult.NotFound(key);                      // 3
        if (ctx.Depth > ctx.Options.MaxDepth) return ResolveResult.InfiniteRecursion(ctx.Depth);   // 4
        if (!devices.TryLoad(message, out var device, out var loadError)) return loadError;        // 5
        var call = devices.FindFunction(device, message, key);

        var result = await ExecuteAsync(call, message, request, ctx.WithKey(key)).ConfigureAwait(false);   // 6

        if (ctx.Options.HasStepHook && !result.IsSubresolution)                                    // 7
        {
            var (halted, hooked) = await RunStepHookAsync(message, request, result, ctx).ConfigureAwait(false);
            if (halted) return hooked;
            result = hooked;
        }
        if (result.IsSubresolution)                                                                // 8
            result = await ResolveManyAsync(result.Subresolution, ctx.Nested(null)).ConfigureAwait(false);
        result = LinkHashpath(message, request, result, ctx.Options.Hashpath);                     // 9
        await StoreResultAsync(message, request, result, ctx).ConfigureAwait(false);              // 10
        return result;
    }

    // Stage 1: a list is addressed as the message {"1": …, "n": …}.
    private static AoValue Normalize(AoValue @base) => @base is AoList list ? list.ToNumberedMessage() : @base;

    // Stage 2: the cache answers when cache-control lets it (IResolutionCache decides). Only a message base has
    // results to look up; anything else fails at stage 3 anyway.
    // (Stage 3: only messages have keys. Stage 4: HyperBEAM spots re-entry of the same execution; the depth
    // limit stands in for it. Stage 5: DeviceRegistry.TryLoad and FindFunction.)
    private static ValueTask<ResolveResult?> LookupCachedAsync(AoValue @base, Message request, ResolveContext ctx) =>
        ctx.Options.Cache is { } cache && @base is Message message
            ? cache.LookupAsync(message, request, ctx.Options, ctx.CancellationToken)
            : ValueTask.FromResult<ResolveResult?>(null);

    // Stage 6: a throwing device is a failed step, never a crashed resolver.
    private static async ValueTask<ResolveResult> ExecuteAsync(DeviceCall call, Message @base, Message request, ResolveContext ctx)
    {
        ResolveResult result;
        try
        {
            var pending = call.Function(@base, request, ctx);
            result = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ctx.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return ResolveResult.Error(
                $"device {call.Device.Name} failed resolving '{ctx.Key}': {e.GetType().Name}: {e.Message}", ResolveErrorCodes.DeviceThrew);
        }
        return result.IsDefault
            ? ResolveResult.Error($"device {call.Device.Name} returned no result for '{ctx.Key}'", ResolveErrorCodes.DeviceThrew)
            : result;
    }

    // Stage 7: the node's `step` hook sees {base, request, status, body} and may rewrite status and body.
    private async ValueTask<(bool Halted, ResolveResult Result)> RunStepHookAsync(
        Message @base, Message request, ResolveResult result, ResolveContext ctx)
    {
        var hookRequest = new MessageBuilder()
            .Set("base", @base)
            .Set("request", request)
            .Set("status", ResolveStatusNames.ToAtom(result.Status))
            .Set("body", result.Value)
            .Build();
        var hooked = await HookRunner.RunAsync(this, "step", hookRequest, ctx.Nested(null)).ConfigureAwait(false);
        if (!hooked.IsOk) return (true, hooked);
        if (hooked.Value is not Message reply
            || !ResolveStatusNames.TryParse(reply.Get("status"), out var status)
            || reply.Get("body") is not { } body)
            return (true, ResolveResult.Failure("the step hook returned no status and body", ResolveErrorCodes.HookFailed));
        if (status == result.Status && ReferenceEquals(body, result.Value)) return (false, result);
        return (false, new ResolveResult(status, body));
    }

    // Stage 9: link an ok message result to its inputs; other results carry no hashpath.
    private static ResolveResult LinkHashpath(Message @base, Message request, ResolveResult result, HashpathMode mode)
    {
        if (result.Value is not Message output) return result;
        if (!result.IsOk || mode == HashpathMode.Reset)
            return output.Priv.ContainsKey(Hashpath.PrivateKey)
                ? result.WithValue(output.WithPriv(output.Priv.Remove(Hashpath.PrivateKey)))
                : result;
        if (mode == HashpathMode.Ignore) return result;
        return Hashpath.TryAppend(@base, request, out var hashpath, out var error)
            ? result.WithValue(output.WithPriv(output.Priv.Set(Hashpath.PrivateKey, hashpath)))
            : ResolveResult.Error($"cannot link the result's hashpath: {error}");
    }

    // Stage 10: only ok results are offered to the cache; it decides by cache-control whether to keep them.
    private static ValueTask StoreResultAsync(Message @base, Message request, ResolveResult result, ResolveContext ctx) =>
        ctx.Options.Cache is { } cache && result.IsOk
            ? cache.StoreAsync(@base, request, result, ctx.Options, ctx.CancellationToken)
            : ValueTask.CompletedTask;

    // An ID where a message is expected is read from the cache (HyperBEAM's hb_cache:read in resolve_stage 1). A miss
    // in every store is not found; a store that could not answer makes the message unavailable (it may exist).
    private static async ValueTask<ResolveResult> LoadByIdAsync(string id, ResolveContext ctx)
    {
        if (ctx.Options.Cache is not { } cache)
            return ResolveResult.Unavailable($"message {id} is not available: this resolver has no cache", ResolveErrorCodes.MessageUnavailable);
        Message? message;
        try
        {
            message = await cache.LoadAsync(id, ctx.Options, ctx.CancellationToken).ConfigureAwait(false);
        }
        catch (MessageUnavailableException e)
        {
            return ResolveResult.Unavailable(e.Message, ResolveErrorCodes.MessageUnavailable);
        }
        if (message is not null) return ResolveResult.Ok(message);
        var notFound = $"message {id} is not in any store of this node";
        return new ResolveResult(ResolveStatus.NotFound, AoBinary.FromString(notFound), notFound, ResolveErrorCodes.MessageNotFound);
    }
}
