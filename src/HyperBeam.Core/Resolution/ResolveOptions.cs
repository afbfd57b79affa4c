using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// Runtime options of a resolution (HyperBEAM's <c>Opts</c>). <see cref="Node"/> is the node message: hooks live
/// under its <c>on</c> key, and devices read their configuration from it.
/// </summary>
public sealed record ResolveOptions
{
    private readonly Message _node = Message.Empty;

    public static ResolveOptions Default { get; } = new();

    public HashpathMode Hashpath { get; init; } = HashpathMode.Update;

    /// <summary>Nesting limit (device calls back into the resolver, sub-resolutions, hooks, stack passes).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// The result cache and message loader of stages 2 and 10 and of IDs in paths; null for none (nothing cached,
    /// an ID in a path is unavailable).
    /// </summary>
    public IResolutionCache? Cache { get; init; }

    /// <summary>Longest path segment (key or device name) accepted, in UTF-8 bytes.</summary>
    public int MaxKeyBytes { get; init; } = 512;

    public Message Node
    {
        get => _node;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _node = value;
            // Parsed once here so the per-step check for a `step` hook is a field read.
            Hooks = value.GetMessage("on") ?? Message.Empty;
            HasStepHook = Hooks.ContainsKey("step");
        }
    }

    /// <summary>Who stands behind the request (set by the HTTP door); <see cref="RequestAuthority.None"/> elsewhere.</summary>
    public RequestAuthority Authority { get; init; } = RequestAuthority.None;

    /// <summary>The node message's <c>on</c> key: hook name to handler message(s).</summary>
    public Message Hooks { get; private init; } = Message.Empty;

    internal bool HasStepHook { get; private init; }

    /// <summary>The options HyperBEAM uses for its own helper calls (<c>internal_opts</c>): no hashpath.</summary>
    internal ResolveOptions Internal => Hashpath == HashpathMode.Ignore ? this : this with { Hashpath = HashpathMode.Ignore };

    internal ResolveOptions WithHooks(Message hooks) => this with { Node = _node.Set("on", hooks) };
}
