using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// router@1.0 on a real node over HTTP: the operator adds routes by POSTing them signed as the body, then
/// <c>route</c> and <c>match</c> answer per strategy; anyone else's route is refused with 403.
/// </summary>
public class RouterOverHttpTests(StrangerWallet stranger) : IClassFixture<StrangerWallet>
{
    private static readonly AoList ThreeNodes = AoList.Of(
        Message.Of(("prefix", "http://n1.test")), Message.Of(("prefix", "http://n2.test")), Message.Of(("prefix", "http://n3.test")));

    private static readonly string[] ThreePrefixes = ["http://n1.test", "http://n2.test", "http://n3.test"];

    [Fact]
    public async Task A_route_signed_by_the_operator_is_added_and_matched()
    {
        await using var node = await StartOperatedNodeAsync();
        await AddRouteAsync(node, Message.Of(("template", "/data/.*"), ("node", "http://data.test"), ("priority", 5)));

        using var match = await node.Client.GetAsync("/~router@1.0/match?route-path=/data/abc");
        Assert.Equal(HttpStatusCode.OK, match.StatusCode);
        var matched = await HttpMessages.DecodeReplyAsync(match);
        Assert.Equal("/data/.*", matched.GetText("template"));
        Assert.Equal("routes/1", matched.GetText("reference"));

        using var route = await node.Client.GetAsync("/~router@1.0/route?route-path=/data/abc");
        Assert.Equal("http://data.test", await route.Content.ReadAsStringAsync());

        using var none = await node.Client.GetAsync("/~router@1.0/match?route-path=/elsewhere");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task The_All_strategy_answers_every_node_with_its_uri()
    {
        await using var node = await StartOperatedNodeAsync();
        await AddRouteAsync(node, Message.Of(("template", "/all/.*"), ("strategy", "All"), ("nodes", ThreeNodes)));

        using var response = await node.Client.GetAsync("/~router@1.0/route?route-path=/all/x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var route = await HttpMessages.DecodeReplyAsync(response);
        var uris = ((AoList)route.Get("nodes")!).OfType<Message>().Select(n => n.GetText("uri")).ToList();
        Assert.Equal(["http://n1.test/all/x", "http://n2.test/all/x", "http://n3.test/all/x"], uris);
    }

    [Fact]
    public async Task The_By_Base_strategy_sends_the_same_path_to_the_same_node()
    {
        await using var node = await StartOperatedNodeAsync();
        await AddRouteAsync(node, Message.Of(("template", "/base/.*"), ("strategy", "By-Base"), ("nodes", ThreeNodes)));

        var first = await RouteAsync(node, "/base/some-id");
        var second = await RouteAsync(node, "/base/some-id");
        Assert.Equal(first, second);
        Assert.Contains(ThreePrefixes, p => first == p + "/base/some-id");
    }

    [Fact]
    public async Task The_Random_strategy_with_a_seeded_source_picks_the_same_sequence_on_two_nodes()
    {
        var route = Message.Of(("template", "/random/.*"), ("strategy", "Random"), ("nodes", ThreeNodes));
        var picks = new List<List<string>>();
        foreach (var _ in new[] { 1, 2 })
        {
            await using var node = await StartOperatedNodeAsync(new Random(7));
            await AddRouteAsync(node, route);
            var sequence = new List<string>();
            for (var i = 0; i < 8; i++) sequence.Add(await RouteAsync(node, "/random/x"));
            picks.Add(sequence);
        }
        Assert.Equal(picks[0], picks[1]);
        Assert.All(picks[0], uri => Assert.Contains(ThreePrefixes, p => uri == p + "/random/x"));
    }

    [Fact]
    public async Task A_route_signed_by_a_stranger_is_refused_with_403_and_not_added()
    {
        await using var node = await StartOperatedNodeAsync();
        var signed = HttpSigCommitments.Commit(Message.Of(("template", "/evil/.*"), ("node", "http://evil.test")), stranger.Wallet);
        using var response = await node.Client.SendAsync(RoutePost(signed));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        using var match = await node.Client.GetAsync("/~router@1.0/match?route-path=/evil/x");
        Assert.Equal(HttpStatusCode.NotFound, match.StatusCode);
    }

    /// <summary>
    /// A node whose message names its own wallet as <c>operator</c>: router@1.0 takes route owners from the node
    /// message (route-owners, else operator), and the test node's address is only known once it has started.
    /// </summary>
    [Fact]
    public async Task A_route_a_process_pushed_is_refused_even_when_the_operator_key_signed_it()
    {
        // push@1.0 signs a process's outbox with the node's key and covers from-process: the content is the process's.
        await using var node = await StartOperatedNodeAsync();
        var pushed = Message.Of(("template", "/evil/.*"), ("node", "http://evil.test"), ("from-process", new string('p', 43)));
        using var response = await node.Client.SendAsync(RoutePost(HttpSigCommitments.Commit(pushed, node.Node.State.Wallet!)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var none = await node.Client.GetAsync("/~router@1.0/match?route-path=/evil/x");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    private static async Task<TestNode> StartOperatedNodeAsync(Random? random = null)
    {
        var node = await TestNode.StartAsync(options => options with { RouterRandom = random });
        node.Node.State.Update(m => m.Set("operator", node.Node.Address!));
        return node;
    }

    private static async Task AddRouteAsync(TestNode node, Message route)
    {
        var signed = HttpSigCommitments.Commit(route, node.Node.State.Wallet!);
        using var response = await node.Client.SendAsync(RoutePost(signed));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("Route added.", text);
    }

    /// <summary>
    /// The signed route as the body of a json@1.0 request. Not httpsig: its multipart encoding of a nested message
    /// lower-cases the commitment IDs (they become part header names), so a signed body does not verify after it.
    /// </summary>
    private static HttpRequestMessage RoutePost(Message signedRoute) =>
        HttpMessages.InCodec(HttpMethod.Post, "/~router@1.0/routes", "json@1.0", JsonCodec.Encode(Message.Of(("body", signedRoute))));

    private static async Task<string> RouteAsync(TestNode node, string path)
    {
        using var response = await node.Client.GetAsync($"/~router@1.0/route?route-path={path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
