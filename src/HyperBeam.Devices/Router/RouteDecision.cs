using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Devices.Router;

/// <summary>Where a request goes (HyperBEAM's <c>dev_router:route</c> result): one URI, several nodes, or nowhere.</summary>
public abstract record RouteDecision
{
    private protected RouteDecision() { }

    /// <summary>The URIs to try, in order.</summary>
    public abstract IReadOnlyList<string> Uris { get; }

    /// <summary>The decision as a device result: the URI, the <c>{uri, opts}</c> or route message, or a status error.</summary>
    public abstract ResolveResult ToResult();
}

/// <summary>One destination; <see cref="Opts"/> when the node carries per-node request options.</summary>
public sealed record RoutedTo(string Uri, Message? Opts = null) : RouteDecision
{
    public override IReadOnlyList<string> Uris => [Uri];

    public override ResolveResult ToResult() =>
        ResolveResult.Ok(Opts is null ? AoBinary.FromString(Uri) : Message.Of(("uri", Uri), ("opts", Opts)));
}

/// <summary>Several nodes (strategy <c>All</c>, or <c>choose</c> above 1): the route with each node's <c>uri</c> filled in.</summary>
public sealed record RoutedToNodes(Message Route, IReadOnlyList<string> NodeUris) : RouteDecision
{
    public override IReadOnlyList<string> Uris => NodeUris;

    public override ResolveResult ToResult() => ResolveResult.Ok(Route);
}

/// <summary>No destination: no route matches (404) or the matching route is misconfigured (500).</summary>
public sealed record NoRoute(string Reason, int Status) : RouteDecision
{
    public override IReadOnlyList<string> Uris => [];

    public override ResolveResult ToResult() =>
        new(ResolveStatus.Error, Message.Of(("status", Status), ("body", Reason)), Reason);
}
