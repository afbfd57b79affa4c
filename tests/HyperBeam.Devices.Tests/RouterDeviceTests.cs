using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Devices;
using HyperBeam.Devices.Router;
using HyperBeam.Devices.Tests.Support;
using HyperBeam.Http.Singleton;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Devices.Tests;

/// <summary>
/// <c>router@1.0</c>: HyperBEAM's router tests that need no remote nodes (template and regex matching, explicit
/// routes, <c>device_call_from_singleton_test</c>, <c>get_routes_test</c>, <c>add_route_test</c>), node URIs,
/// owner authorisation, and the <c>preprocess</c> hook relaying to a real Kestrel peer.
/// </summary>
public class RouterDeviceTests(PeerFixture peer) : IClassFixture<PeerFixture>
{
    private Resolver Node(Message node, RouteTable? table = null) =>
        new(DeviceRegistry.Preloaded.AddStandardDevices(peer.Client, new StandardDeviceOptions { Routes = table }), new ResolveOptions { Node = node });

    private static Message Routes(params Message[] routes) => Message.Of(("routes", new AoList(routes)));

    private static async Task<ResolveResult> Get(Resolver node, string path, Message? keys = null) =>
        await node.ResolveManyAsync(SingletonParser.Parse((keys ?? Message.Empty).Set("path", path)));

    private static readonly Message[] TemplateRoutes =
    [
        Message.Of(("template", Message.Of(("other-key", "other-value"))), ("node", "incorrect")),
        Message.Of(("template", Message.Of(("special-key", "special-value"))), ("node", "correct")),
    ];

    private static readonly Message[] RegexRoutes =
    [
        Message.Of(("template", "/.*/compute"), ("node", "incorrect")),
        Message.Of(("template", "/.*/schedule"), ("node", "correct")),
    ];

    public static TheoryData<string, Message[], Message, string?> RouteCases() => new()
    {
        { "route_template_message_matches_test: the template's keys match", TemplateRoutes, Message.Of(("path", "/"), ("special-key", "special-value")), "correct" },
        { "route_template_message_matches_test: a different value does not", TemplateRoutes, Message.Of(("path", "/"), ("special-key", "special-value2")), null },
        {
            "route_template_message_matches_test: a route without template matches anything",
            [.. TemplateRoutes, Message.Of(("node", "fallback"))], Message.Of(("path", "/")), "fallback"
        },
        { "route_regex_matches_test: /abc/schedule", RegexRoutes, Message.Of(("path", "/abc/schedule")), "correct" },
        { "route_regex_matches_test: /a/b/c/schedule", RegexRoutes, Message.Of(("path", "/a/b/c/schedule")), "correct" },
        { "route_regex_matches_test: /a/b/c/bad-key", RegexRoutes, Message.Of(("path", "/a/b/c/bad-key")), null },
        { "explicit_route_test: https", [Message.Of(("template", "*"), ("node", "unimportant"))], Message.Of(("path", "https://google.com")), "https://google.com" },
        { "explicit_route_test: http", [Message.Of(("template", "*"), ("node", "unimportant"))], Message.Of(("path", "http://google.com")), "http://google.com" },
        { "'*' becomes '/*', which matches any path (as in HyperBEAM)", [Message.Of(("template", "*"), ("node", "any"))], Message.Of(("path", "/x/y")), "any" },
        { "route-path wins over path", RegexRoutes, Message.Of(("path", "route"), ("route-path", "/p/schedule")), "correct" },
        { "paths and expressions are lower-cased", RegexRoutes, Message.Of(("path", "/ABC/SCHEDULE")), "correct" },
        { "an invalid expression matches nothing", [Message.Of(("template", "(unclosed"), ("node", "x"))], Message.Of(("path", "/(unclosed")), null },
        {
            "a node message applies its prefix to the path",
            [Message.Of(("template", "/a"), ("node", Message.Of(("prefix", "https://n1"))))], Message.Of(("path", "/a/b")), "https://n1/a/b"
        },
    };

    [Theory]
    [MemberData(nameof(RouteCases))]
    public void Routes_as_HyperBEAM(string name, Message[] routes, Message request, string? expected)
    {
        Assert.NotEmpty(name);
        var decision = new RoutePlanner().Route(request, Routes(routes));
        if (expected is null)
        {
            Assert.Equal(404, Assert.IsType<NoRoute>(decision).Status);
            return;
        }
        Assert.Equal(expected, Assert.IsType<RoutedTo>(decision).Uri);
    }

    public static TheoryData<string, Message, string, string?> NodeUris() => new()
    {
        { "prefix", Message.Of(("prefix", "https://n")), "/a/b", "https://n/a/b" },
        { "suffix", Message.Of(("suffix", "?x=1")), "/a/b", "/a/b?x=1" },
        { "prefix wins over suffix", Message.Of(("prefix", "https://n"), ("suffix", "?x=1")), "/a", "https://n/a" },
        { "match/with replaces every occurrence", Message.Of(("match", "a"), ("with", "z")), "/a/ba", "/z/bz" },
        { "& is the match, \\1 a group", Message.Of(("match", "/(\\w+)$"), ("with", "/\\1/&")), "/x/key", "/x/key//key" },
        { "nothing to apply", Message.Of(("host", "h")), "/a", null },
        { "an invalid expression", Message.Of(("match", "("), ("with", "x")), "/a", null },
    };

    [Theory]
    [MemberData(nameof(NodeUris))]
    public void Node_URIs_apply_prefix_suffix_or_replacement(string name, Message node, string path, string? expected)
    {
        Assert.NotEmpty(name);
        var ok = NodeUri.TryApply(Message.Of(("path", path)), node, out var uri, out _, out var error);
        Assert.Equal(expected is not null, ok);
        Assert.Equal(expected, uri);
        if (!ok) Assert.Contains("prefix, suffix or match/with", error);
    }

    [Fact]
    public void Node_options_come_back_with_the_URI()
    {
        var opts = Message.Of(("http-client", "gun"));
        var decision = new RoutePlanner().Route(Message.Of(("path", "/a")), Routes(Message.Of(("node", Message.Of(("prefix", "https://n"), ("opts", opts))))));
        Assert.Equal(new RoutedTo("https://n/a", opts), decision);
        Assert.Equal(Message.Of(("uri", "https://n/a"), ("opts", opts)), decision.ToResult().Value);
    }

    [Fact]
    public void A_route_without_strategy_answers_all_its_nodes_with_their_URIs()
    {
        var route = Message.Of(("template", "/a"), ("nodes", AoList.Of(Message.Of(("prefix", "https://n1")), Message.Of(("prefix", "https://n2")))));
        var decision = Assert.IsType<RoutedToNodes>(new RoutePlanner().Route(Message.Of(("path", "/a")), Routes(route)));
        Assert.Equal(["https://n1/a", "https://n2/a"], decision.Uris);
        var nodes = (AoList)decision.Route.Get("nodes")!;
        Assert.Equal("https://n2/a", ((Message)nodes[1]).GetText("uri"));
        Assert.Equal("routes/1", decision.Route.GetText("reference"));
    }

    [Fact]
    public void A_strategy_choosing_one_node_answers_its_URI()
    {
        var route = Message.Of(("strategy", "By-Base"),
            ("nodes", AoList.Of(Message.Of(("prefix", "https://n1")), Message.Of(("prefix", "https://n2")), Message.Of(("prefix", "https://n3")))));
        // The path's first segment is no ID, so its hash is SHA-256("a"), which is 1 modulo 3: the second node.
        var decision = Assert.IsType<RoutedTo>(new RoutePlanner(random: new Random(1)).Route(Message.Of(("path", "/a")), Routes(route)));
        Assert.Equal("https://n2/a", decision.Uri);
    }

    [Fact]
    public void An_unknown_strategy_is_a_500()
    {
        var route = Message.Of(("strategy", "Fastest"), ("nodes", AoList.Of(Message.Of(("prefix", "https://n1")))));
        var decision = Assert.IsType<NoRoute>(new RoutePlanner().Route(Message.Of(("path", "/a")), Routes(route)));
        Assert.Equal(500, decision.Status);
        Assert.Contains("Fastest", decision.Reason);
    }

    [Fact]
    public async Task Device_call_from_singleton_test()
    {
        var route = Message.Of(("template", "/some/path"), ("node", "old"), ("priority", 10));
        var result = await Get(Node(Routes(route)), "~router@1.0/routes");
        Assert.Equal(AoList.Of(route), result.Value);
    }

    [Fact]
    public async Task Get_routes_test()
    {
        var result = await Get(Node(Routes(Message.Of(("template", "*"), ("node", "our_node"), ("priority", 10)))), "/~router@1.0/routes/1/node");
        Assert.Equal(AoBinary.FromString("our_node"), result.Value);
    }

    [Fact]
    public async Task Route_answers_the_URI_for_a_route_path()
    {
        var node = Node(Routes(Message.Of(("template", "/c"), ("node", Message.Of(("prefix", "https://exec"))))));
        Assert.Equal(AoBinary.FromString("https://exec/c"), (await Get(node, "/~router@1.0/route?route-path=/c")).Value);
        var missing = await Get(node, "/~router@1.0/route?route-path=/d");
        Assert.Equal(ResolveStatus.Error, missing.Status);
        Assert.Equal(new AoInteger(404), ((Message)missing.Value).Get("status"));
    }

    [Fact]
    public async Task Match_uses_the_base_routes_and_notes_the_reference()
    {
        var routes = AoList.Of(Message.Of(("template", "/x"), ("node", "a")), Message.Of(("template", "*"), ("node", "b")));
        var router = Message.Of(("device", DeviceNames.Router), ("routes", routes));
        var result = await Node(Message.Empty).ResolveAsync(router, Message.Of(("path", "match"), ("route-path", "/y")));
        Assert.Equal(Message.Of(("template", "*"), ("node", "b"), ("reference", "routes/2")), result.Value);

        // explicit_route_test: a URL route-path matches explicitly.
        var explicitMatch = await Node(Message.Empty).ResolveAsync(router, Message.Of(("path", "match"), ("route-path", "http://google.com")));
        Assert.Equal("http://google.com", ((Message)explicitMatch.Value).GetText("node"));
    }

    [Fact]
    public async Task Add_route_test()
    {
        var owner = TestWallet.Owner;
        var table = new RouteTable();
        var node = Node(Message.Of(("operator", owner.Address), ("routes", AoList.Of(Message.Of(("template", "/some/path"), ("node", "old"), ("priority", 10))))), table);
        var route = owner.Sign(Message.Of(("path", "routes"), ("method", "POST"), ("template", "/some/new/path"), ("node", "new"), ("priority", 15)));

        var added = await node.ResolveAsync(Message.Of(("device", DeviceNames.Router)), route);
        Assert.Equal(AoBinary.FromString("Route added."), added.Value);
        Assert.Equal(AoBinary.FromString("new"), (await Get(node, "/~router@1.0/routes/2/node")).Value);
        // The route is stored without its request and signature keys.
        Assert.Equal(Message.Of(("template", "/some/new/path"), ("node", "new"), ("priority", 15)), table.Current(Message.Empty).Single());
    }

    public static TheoryData<string, Func<TestWallet, TestWallet, Message>, int, string> Unauthorised() => new()
    {
        { "signed by a stranger", (_, stranger) => stranger.Sign(NewRoute()), 403, "not signed by a route owner" },
        { "not signed", (_, _) => NewRoute(), 403, "unsigned" },
        { "tampered after signing", (owner, _) => owner.Sign(NewRoute()).Set("node", "evil"), 403, "does not verify" },
        { "signed by an owner but not a route", (owner, _) => owner.Sign(Message.Of(("path", "routes"), ("method", "POST"))), 400, "node or nodes" },
    };

    [Theory]
    [MemberData(nameof(Unauthorised))]
    public async Task Only_a_route_owner_may_add_routes(string name, Func<TestWallet, TestWallet, Message> request, int status, string reason)
    {
        Assert.NotEmpty(name);
        var table = new RouteTable();
        var node = Node(Message.Of(("route-owners", AoList.Of(TestWallet.Owner.Address))), table);
        var result = await node.ResolveAsync(Message.Of(("device", DeviceNames.Router)), request(TestWallet.Owner, TestWallet.Stranger));
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Equal(new AoInteger(status), ((Message)result.Value).Get("status"));
        Assert.Contains(reason, result.ErrorMessage);
        Assert.Empty(table.Current(Message.Empty));
    }

    [Fact]
    public async Task A_node_without_owners_accepts_no_routes()
    {
        var result = await Node(Message.Empty).ResolveAsync(Message.Of(("device", DeviceNames.Router)), TestWallet.Owner.Sign(NewRoute()));
        Assert.Equal(new AoInteger(403), ((Message)result.Value).Get("status"));
    }

    [Fact]
    public async Task A_route_signed_as_the_body_is_added_through_the_singleton()
    {
        // Over HTTP the step the device sees has its path rewritten, so the client signs the route and sends it as the body.
        var owner = TestWallet.Owner;
        var table = new RouteTable();
        var node = Node(Message.Of(("route_owners", AoList.Of(owner.Address))), table);
        var route = owner.Sign(Message.Of(("template", "/signed"), ("node", "n"), ("priority", 1)));
        var result = await Get(node, "/~router@1.0/routes", Message.Of(("method", "POST"), ("body", route)));
        Assert.Equal(ResolveStatus.Ok, result.Status);
        Assert.Equal(Message.Of(("template", "/signed"), ("node", "n"), ("priority", 1)), table.Current(Message.Empty).Single());
    }

    [Fact]
    public void Added_routes_are_ordered_by_priority_newest_first()
    {
        var table = new RouteTable();
        var node = Message.Of(("routes", AoList.Of(Message.Of(("node", "configured"), ("priority", 10)), Message.Of(("node", "no-priority")))));
        Assert.Equal(["configured", "no-priority"], table.Current(node).Select(r => r.GetText("node")));
        table.Add(Message.Of(("node", "older"), ("priority", 5)));
        table.Add(Message.Of(("node", "newer"), ("priority", 5)));
        table.Add(Message.Of(("node", "late"), ("priority", 20)));
        Assert.Equal(["newer", "older", "configured", "late", "no-priority"], table.Current(node).Select(r => r.GetText("node")));
    }

    [Fact]
    public async Task Preprocess_relays_requests_that_match_a_route()
    {
        var node = Node(Message.Of(
            ("routes", AoList.Of(Message.Of(("template", "/echo/.*"), ("node", Message.Of(("prefix", peer.Url)))))),
            ("on", Message.Of(("request", Message.Of(("device", DeviceNames.Router), ("path", "preprocess")))))));
        var request = Message.Of(("path", "/echo/hooked"), ("method", "GET"), ("k", "v"));
        var result = await node.ResolveRequestAsync(request, SingletonParser.Parse(request));
        Assert.Equal(ResolveStatus.Ok, result.Status);
        var reply = Assert.IsType<Message>(result.Value);
        Assert.Equal("/echo/hooked", reply.GetText("echo-path"));
        Assert.Equal("v", reply.GetText("k"));
    }

    [Theory]
    [InlineData("local", ResolveStatus.Ok)]
    [InlineData("error", ResolveStatus.Ok)]
    public async Task Preprocess_leaves_other_requests_to_the_node_or_refuses_them(string fallback, ResolveStatus status)
    {
        var node = Node(Message.Of(
            ("routes", AoList.Of(Message.Of(("template", "/elsewhere"), ("node", "x")))),
            ("router_preprocess_default", fallback),
            ("on", Message.Of(("request", Message.Of(("device", DeviceNames.Router), ("path", "preprocess")))))));
        var request = Message.Of(("path", "/k"), ("k", "local value"));
        var result = await node.ResolveRequestAsync(request, SingletonParser.Parse(request));
        Assert.Equal(status, result.Status);
        if (fallback == "local") Assert.Equal(AoBinary.FromString("local value"), result.Value);
        else Assert.Equal(new AoInteger(404), ((Message)result.Value).Get("status"));
    }

    private static Message NewRoute() => Message.Of(("path", "routes"), ("method", "POST"), ("template", "/x"), ("node", "n"));
}
