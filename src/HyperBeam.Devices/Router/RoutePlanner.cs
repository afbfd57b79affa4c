using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;

namespace HyperBeam.Devices.Router;

/// <summary>
/// The routing logic of <c>router@1.0</c>, shared with <c>relay@1.0</c> (HyperBEAM's <c>dev_router:route/2</c>,
/// which <c>hb_http</c> calls before every outbound request).
/// <list type="number">
/// <item>A request whose path (<c>route-path</c>, else <c>path</c>) is an <c>http://</c> or <c>https://</c> URL goes
///   there.</item>
/// <item>Else the first route whose <c>template</c> matches (<see cref="RouteTemplate"/>) decides; none: 404.</item>
/// <item>A route's <c>node</c> given as text is the URI itself (the request's path is not added, as in HyperBEAM);
///   given as a message, it is applied to the path (<see cref="NodeUri"/>).</item>
/// <item>A route's <c>nodes</c> each get their <c>uri</c>; with no <c>strategy</c> or <c>All</c> they are all the
///   answer, else <c>choose</c> (default 1) of them are picked (<see cref="NodeChooser"/>) by the hash of the path's
///   base (<see cref="RequestHash"/>). One pick is a single URI.</item>
/// </list>
/// </summary>
public sealed class RoutePlanner
{
    private readonly Random _random;

    /// <param name="table">The node's live routes; a new, empty one when null.</param>
    /// <param name="random">The source for <c>Random</c> and <c>By-Weight</c>; seed it for reproducible picks. <see cref="Random.Shared"/> when null.</param>
    public RoutePlanner(RouteTable? table = null, Random? random = null)
    {
        Table = table ?? new RouteTable();
        _random = random ?? Random.Shared;
    }

    public RouteTable Table { get; }

    /// <summary>The routes in force for this node message.</summary>
    public IReadOnlyList<Message> Routes(Message node) => Table.Current(node);

    /// <summary>
    /// The first route that matches (HyperBEAM's <c>match_routes</c>), with <c>reference</c> set to where it was found
    /// (<c>routes/N</c>, or <c>explicit</c> for a URL path); null when none does.
    /// </summary>
    public static Message? Match(Message request, IReadOnlyList<Message> routes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(routes);
        var path = RouteTemplate.TargetPath(request);
        if (IsUrl(path)) return Message.Of(("node", path), ("reference", "explicit"));
        for (var i = 0; i < routes.Count; i++)
            if (RouteTemplate.Matches(routes[i].Get("template"), request))
                return routes[i].Set("reference", $"routes/{i + 1}");
        return null;
    }

    public RouteDecision Route(Message request, Message node)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(node);
        var path = RouteTemplate.TargetPath(request);
        if (Match(request, Routes(node)) is not { } route) return new NoRoute($"no route matches '{path}'", 404);
        switch (route.Get("node"))
        {
            case AoBinary uri:
                return new RoutedTo(uri.Text);
            case Message one:
                return NodeUri.TryApply(request, one, out var applied, out var opts, out var error)
                    ? new RoutedTo(applied, opts)
                    : new NoRoute(error, 500);
        }

        var nodes = NodeMessageOptions.AsList(route.Get("nodes"));
        if (nodes.Count == 0) return new NoRoute($"the route {route.Get("reference")} has neither a node nor nodes", 500);
        var withUris = new List<Message>(nodes.Count);
        foreach (var entry in nodes)
        {
            // A node may be a bare URI; HyperBEAM would crash on it, here it is that URI.
            var each = entry as Message ?? Message.Of(("uri", entry));
            withUris.Add(each.ContainsKey("uri") || !NodeUri.TryApply(request, each, out var uri, out _, out _) ? each : each.Set("uri", uri));
        }

        var strategyName = (route.Get("strategy") as AoBinary)?.Text;
        if (!RouteStrategyNames.TryParse(strategyName, out var strategy))
            return new NoRoute($"the route {route.Get("reference")} names an unknown strategy '{strategyName}'", 500);
        if (strategy == RouteStrategy.All) return Cluster(route, withUris);

        var count = route.Get("choose") switch
        {
            AoInteger i => (int)Math.Clamp(i.Value, 0, int.MaxValue),
            AoBinary b when int.TryParse(b.Text, out var n) => n,
            _ => 1,
        };
        if (!NodeChooser.TryChoose(count, strategy, RequestHash.Of(path), withUris, _random, out var chosen, out var chooseError))
            return new NoRoute(chooseError, 500);
        if (chosen.Count == 1)
        {
            var pick = chosen[0];
            return pick.Get("uri") is AoBinary pickedUri
                ? new RoutedTo(pickedUri.Text, pick.Get("opts") as Message)
                : new NoRoute($"the chosen node has no usable prefix, suffix or match/with: {pick}", 500);
        }
        return Cluster(route, chosen);
    }

    private static RouteDecision Cluster(Message route, IReadOnlyList<Message> nodes)
    {
        var uris = nodes.Select(n => (n.Get("uri") as AoBinary)?.Text).OfType<string>().ToList();
        return uris.Count == 0
            ? new NoRoute($"no node of the route {route.Get("reference")} has a usable prefix, suffix or match/with", 500)
            : new RoutedToNodes(route.Set("nodes", new AoList(nodes)), uris);
    }

    internal static bool IsUrl(string path) =>
        path.StartsWith("http://", StringComparison.Ordinal) || path.StartsWith("https://", StringComparison.Ordinal);
}
