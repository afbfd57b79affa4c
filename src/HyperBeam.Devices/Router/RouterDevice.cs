using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;
using HyperBeam.Core.Resolution;
using HyperBeam.Devices.Relay;

namespace HyperBeam.Devices.Router;

/// <summary>
/// <c>router@1.0</c> (HyperBEAM's <c>dev_router</c>): the node's table of outbound routes and the choice of node for
/// a request (<see cref="RoutePlanner"/>). Routes come from the node message's <c>routes</c> (a list of
/// <c>{template, node | nodes, strategy, choose, priority}</c> messages) plus those added at runtime.
/// <list type="bullet">
/// <item><c>routes</c>: the routes in force. With <c>method: POST</c>, adds the request as a route — only when it is
///   signed (httpsig commitments that verify) by one of the node's <c>route-owners</c> (default: its
///   <c>operator</c>), else an error with status 403. Over HTTP the step a device sees is not the message the client
///   signed (the path is rewritten to <c>routes</c>), so a client signs the route and sends it as the <c>body</c>;
///   a signed body is checked, and added, in place of the request.</item>
/// <item><c>route</c>: the URI for the request (by its <c>route-path</c>, else <c>path</c>), or the route with its nodes
///   when several are chosen; status 404 when no route matches.</item>
/// <item><c>match</c>: the first route matching the request, with <c>reference</c>: the base's <c>routes</c> when it
///   has them (as HyperBEAM), else the node's.</item>
/// <item><c>preprocess</c>: a <c>request</c> hook: a request that matches a route is rewritten to be relayed there with
///   <c>relay@1.0</c>; any other runs locally, or fails with 404 when the node's <c>router-preprocess-default</c> is
///   <c>error</c>.</item>
/// <item><c>info</c>: what the device offers.</item>
/// </list>
/// Not ported: HyperBEAM's <c>register</c> (needs SNP attestation) and <c>route_provider</c> (routes computed by a
/// process).
/// </summary>
public sealed class RouterDevice : Device
{
    private static readonly string[] NotRouteKeys = ["path", "method", "commitments"];

    private readonly RoutePlanner _planner;

    public RouterDevice(RoutePlanner planner)
        : base(DeviceNames.Router, new DeviceInfo { Exports = ["info", "routes", "route", "match", "preprocess"] })
    {
        _planner = planner ?? throw new ArgumentNullException(nameof(planner));
        Map("info", Describe);
        Map("routes", Routes);
        Map("route", Route);
        Map("match", Match);
        Map("preprocess", Preprocess);
    }

    private static ValueTask<ResolveResult> Describe(Message @base, Message request, ResolveContext context) =>
        ValueTask.FromResult(ResolveResult.Ok(Message.Of(
            ("description", "Router device for handling outbound message routing"),
            ("version", "1.0"),
            ("api", Message.Of(
                ("info", Message.Of(("description", "Get device info"))),
                ("routes", Message.Of(("description", "Get or add routes"), ("method", "GET or POST"))),
                ("route", Message.Of(("description", "Find a route for a message"), ("required-params", Message.Of(("route-path", "Path to route"))))),
                ("match", Message.Of(("description", "Match a message against available routes"))),
                ("preprocess", Message.Of(("description", "Preprocess a request to check if it should be relayed"))))))));

    private ValueTask<ResolveResult> Routes(Message @base, Message request, ResolveContext context)
    {
        var method = (request.Get("method") as AoBinary)?.Text;
        if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
            return ValueTask.FromResult(ResolveResult.Ok(new AoList(_planner.Routes(context.Node))));
        return ValueTask.FromResult(AddRoute(request, context.Node));
    }

    private ResolveResult AddRoute(Message request, Message node)
    {
        var signed = request.Get("body") is Message body && body.ContainsKey("commitments") ? body : request;
        // A process wrote a pushed message's content; the node's signature on it is no route owner's.
        if (PushedMessages.IsPushed(signed)) return Status(403, "a message pushed from a process cannot add a route");
        var owners = RouteOwners(node);
        if (owners.Count == 0) return Status(403, "this node has no route-owners (nor an operator): no one may add routes");
        IReadOnlyList<string> committers;
        try
        {
            committers = HttpSigCommitments.Committers(signed);
            if (committers.Count == 0) return Status(403, "adding a route needs a message signed by a route owner; this one is unsigned");
            if (!HttpSigCommitments.Verify(signed)) return Status(403, "the route's signature does not verify");
        }
        catch (CodecException e)
        {
            return Status(400, $"the route's commitments are malformed: {e.Message}");
        }
        if (!committers.Any(owners.Contains)) return Status(403, "the route is not signed by a route owner");

        var route = signed.Without(NotRouteKeys);
        if (!route.ContainsKey("node") && !route.ContainsKey("nodes")) return Status(400, "a route needs a node or nodes");
        _planner.Table.Add(route);
        return ResolveResult.Ok(AoBinary.FromString("Route added."));
    }

    private ValueTask<ResolveResult> Route(Message @base, Message request, ResolveContext context) =>
        ValueTask.FromResult(_planner.Route(request, context.Node).ToResult());

    private ValueTask<ResolveResult> Match(Message @base, Message request, ResolveContext context)
    {
        var routes = MessageDevice.GetValue(@base, "routes") is { } own
            ? NodeMessageOptions.AsList(own).OfType<Message>().ToList()
            : _planner.Routes(context.Node);
        return ValueTask.FromResult(RoutePlanner.Match(request, routes) is { } match
            ? ResolveResult.Ok(match)
            : Status(404, $"no route matches '{RouteTemplate.TargetPath(request)}'"));
    }

    private ValueTask<ResolveResult> Preprocess(Message @base, Message request, ResolveContext context)
    {
        if (request.Get("request") is not Message original)
            return ValueTask.FromResult(Status(400, "preprocess runs as a request hook: it needs the original request"));
        if (RoutePlanner.Match(original, _planner.Routes(context.Node)) is not null)
            return ValueTask.FromResult(ResolveResult.Ok(RelayRewrite.Of(original)));
        if (NodeMessageOptions.GetText(context.Node, "router-preprocess-default") == "error")
            return ValueTask.FromResult(ResolveResult.Ok(Message.Of(("body", AoList.Of(Message.Of(
                ("status", 404), ("message", "No matching template found in the given routes.")))))));
        return ValueTask.FromResult(ResolveResult.Ok(Message.Of(("body", request.Get("body") ?? AoList.Empty))));
    }

    private static HashSet<string> RouteOwners(Message node)
    {
        var owners = NodeMessageOptions.GetList(node, "route-owners");
        if (owners.Count == 0 && NodeMessageOptions.Get(node, "operator") is { } operatorAddress) owners = [operatorAddress];
        return owners.OfType<AoBinary>().Select(o => o.Text).ToHashSet(StringComparer.Ordinal);
    }

    private static ResolveResult Status(int status, string reason) =>
        new(ResolveStatus.Error, Message.Of(("status", status), ("body", reason)), reason);
}
