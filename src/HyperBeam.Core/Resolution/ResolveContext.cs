using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// What a device function gets besides its two messages: the key being resolved, the options, and the way back
/// into the resolver. Calls made through the context count one level deeper against
/// <see cref="ResolveOptions.MaxDepth"/>, which is how runaway recursion is caught.
/// </summary>
public readonly struct ResolveContext
{
    internal ResolveContext(Resolver resolver, ResolveOptions options, int depth, string key, CancellationToken cancellationToken)
    {
        Resolver = resolver;
        Options = options;
        Depth = depth;
        Key = key;
        CancellationToken = cancellationToken;
    }

    public Resolver Resolver { get; }

    public ResolveOptions Options { get; }

    /// <summary>How many resolutions enclose this one (0 for a top-level call).</summary>
    public int Depth { get; }

    /// <summary>The key being resolved (as written in the path; compare with <c>MessageKeys.Normalize</c>).</summary>
    public string Key { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The node message (configuration devices may read).</summary>
    public Message Node => Options.Node;

    public ValueTask<ResolveResult> ResolveAsync(AoValue @base, Message request, ResolveOptions? options = null) =>
        Engine.ResolveAsync(@base, request, Nested(options));

    public ValueTask<ResolveResult> ResolveAsync(AoValue @base, string path, ResolveOptions? options = null) =>
        Engine.ResolveAsync(@base, Message.Empty.Set("path", path), Nested(options));

    public ValueTask<ResolveResult> ResolveManyAsync(IReadOnlyList<ResolveInput> steps, ResolveOptions? options = null) =>
        Engine.ResolveManyAsync(steps, Nested(options));

    /// <summary>HyperBEAM's <c>hb_ao:get</c>: the value at <paramref name="path"/>, or null unless the resolution is ok.</summary>
    public async ValueTask<AoValue?> GetAsync(AoValue @base, string path)
    {
        var result = await ResolveAsync(@base, path).ConfigureAwait(false);
        return result.IsOk ? result.Value : null;
    }

    /// <summary>HyperBEAM's <c>hb_ao:set</c>: sets each key (a key may be a deep path) through the devices involved.</summary>
    public ValueTask<ResolveResult> SetAsync(AoValue @base, Message values) =>
        MessageSetter.SetAsync(Engine, @base, values, Nested(null));

    public ValueTask<ResolveResult> SetAsync(AoValue @base, string keyPath, AoValue value) =>
        MessageSetter.SetAsync(Engine, @base, keyPath, value, Nested(null));

    /// <summary>HyperBEAM's <c>hb_ao:remove</c>: removes a key through the message's device.</summary>
    public ValueTask<ResolveResult> RemoveAsync(AoValue @base, string key) =>
        Engine.ResolveAsync(@base, Message.Of(("path", "remove"), ("item", key)), Nested(Options.Internal));

    /// <summary>Runs the node's handlers for hook <paramref name="hook"/> on <paramref name="request"/> (HyperBEAM's <c>dev_hook:on</c>).</summary>
    public ValueTask<ResolveResult> RunHookAsync(string hook, Message request) =>
        HookRunner.RunAsync(Engine, hook, request, Nested(null));

    internal ResolvePipeline Engine =>
        Resolver?.Pipeline ?? throw new InvalidOperationException("this ResolveContext was not created by a resolver");

    internal ResolveContext Nested(ResolveOptions? options) =>
        new(Resolver, options ?? Options, Depth + 1, Key, CancellationToken);

    internal ResolveContext WithKey(string key) => new(Resolver, Options, Depth, key, CancellationToken);

    internal ResolveContext WithOptions(ResolveOptions options) => new(Resolver, options, Depth, Key, CancellationToken);
}
