using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// HyperBEAM's <c>dev_hook:on</c>. The node message's <c>on</c> key maps a hook name to a handler message or a list
/// of them; the request is resolved on each handler in turn (path: the handler's <c>path</c>, else the hook name),
/// each result the next handler's request. A non-ok status stops the pipeline with that status. Handlers never
/// touch hashpaths. A handler's <c>hook/result</c> may be <c>ignore</c> (keep the input) or <c>error</c>.
/// </summary>
internal static class HookRunner
{
    public static async ValueTask<ResolveResult> RunAsync(ResolvePipeline engine, string hook, Message request, ResolveContext ctx)
    {
        var handlers = ctx.Options.Hooks.Get(hook);
        if (handlers is null) return ResolveResult.Ok(request);
        var list = handlers as AoList ?? AoList.Of(handlers);
        var current = request;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not Message handler)
                return ResolveResult.Failure($"a handler for hook `{hook}` is a {list[i].TypeName}, not a message", ResolveErrorCodes.HookFailed);
            var result = await RunHandlerAsync(engine, hook, handler, current, ctx).ConfigureAwait(false);
            switch (result.Status)
            {
                case ResolveStatus.Ok when result.Value is Message next:
                    current = next;
                    break;
                case ResolveStatus.Ok when i == list.Count - 1:
                    return result;
                case ResolveStatus.Ok:
                    return ResolveResult.Failure($"handler for hook `{hook}` passed on a {result.Value.TypeName}, not a message", ResolveErrorCodes.HookFailed);
                case ResolveStatus.Error or ResolveStatus.NotFound:
                    return result;
                default:
                    return ResolveResult.Failure($"Handler for hook `{hook}` returned unexpected result ({result}).", ResolveErrorCodes.HookFailed);
            }
        }
        return ResolveResult.Ok(current);
    }

    private static async ValueTask<ResolveResult> RunHandlerAsync(
        ResolvePipeline engine, string hook, Message handler, Message request, ResolveContext ctx)
    {
        var options = ctx.Options with { Hashpath = HashpathMode.Ignore };
        if (hook == "step")
        {
            // The step hook runs inside a step: without removing it, resolving the handler would re-enter it forever.
            handler = handler.Remove("step");
            options = options.WithHooks(options.Hooks.Remove("step"));
        }
        var prepared = request
            .Set("path", MessageDevice.GetValue(handler, "path") ?? AoBinary.FromString(hook))
            .Set("method", MessageDevice.GetValue(handler, "method") ?? AoBinary.FromString("GET"));
        var result = await engine.ResolveAsync(handler, prepared, ctx.WithOptions(options)).ConfigureAwait(false);
        if (!result.IsOk) return result;
        return (MessageDevice.GetValue(handler, ["hook", "result"]) as AoBinary)?.Text switch
        {
            "ignore" => ResolveResult.Ok(request),
            "error" => new ResolveResult(ResolveStatus.Error, result.Value, $"handler for hook `{hook}` reported an error"),
            _ => result,
        };
    }
}
