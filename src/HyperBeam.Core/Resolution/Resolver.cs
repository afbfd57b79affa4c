using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// Resolves AO-Core requests: <c>await resolver.ResolveAsync(message, "a/b")</c> runs key <c>a</c> on the message
/// with its device, then <c>b</c> on the result, linking each message result to its inputs by hashpath.
/// Thread-safe; holds no per-call state. Never throws for a domain problem (unknown device, bad path, runaway
/// recursion, a throwing device): those come back as non-ok results. Cancellation throws as usual.
/// </summary>
public sealed class Resolver
{
    public Resolver(DeviceRegistry? devices = null, ResolveOptions? options = null)
    {
        Devices = devices ?? DeviceRegistry.Preloaded;
        Options = options ?? ResolveOptions.Default;
        Pipeline = new ResolvePipeline(Devices);
    }

    public DeviceRegistry Devices { get; }

    /// <summary>Options used when a call passes none.</summary>
    public ResolveOptions Options { get; }

    internal ResolvePipeline Pipeline { get; }

    /// <summary>Resolves <paramref name="path"/> (<c>a/b/c</c>, <c>key~device@1.0</c> segments) on the message.</summary>
    public ValueTask<ResolveResult> ResolveAsync(Message @base, string path, ResolveOptions? options = null, CancellationToken cancellationToken = default) =>
        Pipeline.ResolveAsync(@base, Message.Empty.Set("path", path), Root(options, cancellationToken));

    /// <summary>Resolves a request message; its <c>path</c> says which keys, its other keys are parameters for every step.</summary>
    public ValueTask<ResolveResult> ResolveAsync(Message @base, Message request, ResolveOptions? options = null, CancellationToken cancellationToken = default) =>
        Pipeline.ResolveAsync(@base, request, Root(options, cancellationToken));

    /// <summary>Resolves a sequence: the first element is the base, each next one is applied to the result so far.</summary>
    public ValueTask<ResolveResult> ResolveManyAsync(IReadOnlyList<ResolveInput> steps, ResolveOptions? options = null, CancellationToken cancellationToken = default) =>
        Pipeline.ResolveManyAsync(steps, Root(options, cancellationToken));

    /// <summary>The value at <paramref name="path"/>, or null when the resolution is not ok (HyperBEAM's <c>hb_ao:get</c>).</summary>
    public async ValueTask<AoValue?> GetAsync(Message @base, string path, ResolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = await ResolveAsync(@base, path, options, cancellationToken).ConfigureAwait(false);
        return result.IsOk ? result.Value : null;
    }

    /// <summary>Sets each key of <paramref name="values"/> through the devices involved (HyperBEAM's <c>hb_ao:set</c>).</summary>
    public ValueTask<ResolveResult> SetAsync(Message @base, Message values, ResolveOptions? options = null, CancellationToken cancellationToken = default) =>
        MessageSetter.SetAsync(Pipeline, @base, values, Root(options, cancellationToken));

    /// <summary>Sets one key, which may be a deep path such as <c>a/b/c</c>.</summary>
    public ValueTask<ResolveResult> SetAsync(Message @base, string keyPath, AoValue value, ResolveOptions? options = null, CancellationToken cancellationToken = default) =>
        MessageSetter.SetAsync(Pipeline, @base, keyPath, value, Root(options, cancellationToken));

    /// <summary>Removes a key through the message's device (HyperBEAM's <c>hb_ao:remove</c>).</summary>
    public ValueTask<ResolveResult> RemoveAsync(Message @base, string key, ResolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        var root = Root(options, cancellationToken);
        return Pipeline.ResolveAsync(@base, Message.Of(("path", "remove"), ("item", key)), root.WithOptions(root.Options.Internal));
    }

    /// <summary>Runs the handlers the node message registers under <c>on/&lt;hook&gt;</c> (HyperBEAM's <c>dev_hook:on</c>).</summary>
    public ValueTask<ResolveResult> RunHookAsync(string hook, Message request, ResolveOptions? options = null, CancellationToken cancellationToken = default) =>
        HookRunner.RunAsync(Pipeline, hook, request, Root(options, cancellationToken));

    /// <summary>
    /// Resolves a client request as a node does (HyperBEAM's <c>dev_meta:handle_resolve</c>): the <c>request</c> hook
    /// may rewrite the sequence first, and the <c>response</c> hook the result after; a non-ok hook answers instead.
    /// Hooks see the sequence as a list in <c>body</c>; <c>as</c> and sub-resolution elements appear there as
    /// <c>{as, request}</c> and <c>{resolve}</c> messages, kept as they were unless the hook changes the list.
    /// Hooks run with the request's <see cref="ResolveOptions.Authority"/>, never more. A sequence the request hook
    /// rewrote runs with none: the authority was established for the request as signed (its path and method), and a
    /// rewritten one is not what anyone signed — as in HyperBEAM, where a rewritten message carries no signature.
    /// </summary>
    public async ValueTask<ResolveResult> ResolveRequestAsync(
        Message request, IReadOnlyList<ResolveInput> steps, ResolveOptions? options = null, CancellationToken cancellationToken = default)
    {
        var root = Root(options, cancellationToken);
        var hooks = root.Options.Hooks;
        var sequence = root;
        if (hooks.ContainsKey("request"))
        {
            var body = new AoList(steps.Select(ToHookValue));
            var before = await HookRunner.RunAsync(Pipeline, "request", Message.Of(("request", request), ("body", body)), root.Nested(null)).ConfigureAwait(false);
            if (!before.IsOk) return before;
            if (before.Value is not Message { } rewritten || rewritten.Get("body") is not { } newBody)
                return ResolveResult.Failure("the request hook returned no body", ResolveErrorCodes.HookFailed);
            if (!newBody.Equals(body))
            {
                steps = newBody is AoList items ? items.Select(ResolveInput.Of).ToArray() : [ResolveInput.Of(newBody)];
                sequence = root.WithOptions(root.Options with { Authority = RequestAuthority.None });
            }
        }

        var result = await Pipeline.ResolveManyAsync(steps, sequence).ConfigureAwait(false);
        if (!hooks.ContainsKey("response")) return result;

        var hookRequest = Message.Of(("request", request), ("status", ResolveStatusNames.ToAtom(result.Status)), ("body", result.Value));
        var after = await HookRunner.RunAsync(Pipeline, "response", hookRequest, root.Nested(null)).ConfigureAwait(false);
        if (!after.IsOk) return after;
        if (after.Value is not Message { } reply || reply.Get("body") is not { } replyBody)
            return ResolveResult.Failure("the response hook returned no body", ResolveErrorCodes.HookFailed);
        return ReferenceEquals(replyBody, result.Value) || replyBody.Equals(result.Value) ? result : new ResolveResult(result.Status, replyBody);
    }

    private static AoValue ToHookValue(ResolveInput input) => input switch
    {
        ValueInput v => v.Value,
        AsInput a => Message.Of(("as", a.Device), ("request", a.Request)),
        SubresolveInput s => Message.Of(("resolve", new AoList(s.Steps.Select(ToHookValue)))),
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };

    private ResolveContext Root(ResolveOptions? options, CancellationToken cancellationToken) =>
        new(this, options ?? Options, depth: 0, key: "", cancellationToken);
}
