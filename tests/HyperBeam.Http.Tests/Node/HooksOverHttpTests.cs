using System.Net;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using HyperBeam.Devices;
using HyperBeam.Hosting.Node;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// The node message's <c>on/request</c> and <c>on/response</c> hooks run for requests that come over HTTP, as
/// HyperBEAM's <c>dev_meta:handle_resolve</c> runs them; a rewritten request never carries the original's authority.
/// </summary>
public class HooksOverHttpTests
{
    private static ValueTask<ResolveResult> Ok(AoValue value) => ValueTask.FromResult(ResolveResult.Ok(value));

    /// <summary>A request hook that puts a base carrying what it saw in front of the request's last step.</summary>
    private static readonly Device Stamp = Device.Create("stamp@1.0", ("request", (_, r, _) =>
    {
        var seen = r.GetMessage("request")?.GetText("path") ?? "none";
        var last = ((AoList)r.Get("body")!)[^1];
        return Ok(r.Set("body", AoList.Of(Message.Of(("stamped", "by-hook"), ("seen-path", seen)), last)));
    }));

    private static readonly Device Wrap = Device.Create("wrap@1.0", ("response", (_, r, _) =>
        Ok(r.Set("body", Message.Of(("wrapped", r.Get("body")!), ("seen-status", r.Get("status")!))))));

    /// <summary>A request hook that turns a request for <c>/harmless</c> into a change of the node message.</summary>
    private static readonly Device Escalate = Device.Create("escalate@1.0", ("request", (_, r, _) =>
        Ok(r.GetMessage("request")?.GetText("path") != "/harmless"
            ? r
            : r.Set("body", AoList.Of(Message.Of(("device", "meta@1.0")), Message.Of(("path", "info"), ("method", "POST"), ("escalated", "yes")))))));

    private static Task<TestNode> NodeWithHooksAsync(Message on, Func<Message, Message>? nodeMessage = null, params Device[] devices) =>
        TestNode.StartAsync(
            configure: o => o with { Modules = [new DeviceModule(devices)] },
            nodeMessage: m => (nodeMessage?.Invoke(m) ?? m).Set("on", on));

    [Fact]
    public async Task A_request_hook_in_the_node_message_rewrites_what_an_http_request_resolves()
    {
        await using var node = await NodeWithHooksAsync(Message.Of(("request", Message.Of(("device", "stamp@1.0")))), devices: Stamp);

        using var stamped = await node.Client.GetAsync("/stamped");
        Assert.Equal(HttpStatusCode.OK, stamped.StatusCode);
        Assert.Equal("by-hook", await stamped.Content.ReadAsStringAsync());

        // The hook sees the request as the client sent it.
        using var seen = await node.Client.GetAsync("/seen-path");
        Assert.Equal("/seen-path", await seen.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_response_hook_in_the_node_message_rewrites_the_http_reply()
    {
        await using var node = await NodeWithHooksAsync(Message.Of(("response", Message.Of(("device", "wrap@1.0")))), devices: Wrap);

        using var response = await node.Client.GetAsync("/~message@1.0&greeting=hello/greeting");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await HttpMessages.DecodeReplyAsync(response);
        Assert.Equal("hello", reply.GetText("wrapped"));
        Assert.Equal(AoAtom.Of("ok"), reply.Get("seen-status"));
    }

    [Fact]
    public async Task Router_preprocess_relays_a_request_that_matches_a_route_to_the_peer()
    {
        // Both nodes share the test key, so the peer tells itself apart by a key of its node message.
        await using var peer = await TestNode.StartAsync(nodeMessage: m => m.Set("who", "the-peer"));
        var route = Message.Of(("template", "/~meta@1.0/info/who"), ("node", Message.Of(("prefix", peer.Node.Url.ToString().TrimEnd('/')))));
        await using var node = await NodeWithHooksAsync(
            Message.Of(("request", Message.Of(("device", DeviceNames.Router), ("path", "preprocess")))),
            m => m.Set("routes", AoList.Of(route)));

        using var relayed = await node.Client.GetAsync("/~meta@1.0/info/who");
        Assert.Equal(HttpStatusCode.OK, relayed.StatusCode);
        Assert.Equal("the-peer", await relayed.Content.ReadAsStringAsync());

        // A request no route matches stays on the node.
        using var local = await node.Client.GetAsync("/~message@1.0&x=here/x");
        Assert.Equal("here", await local.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_hook_cannot_lend_the_operators_signature_to_a_request_it_rewrote()
    {
        using var @operator = Wallet.Create();
        await using var node = await NodeWithHooksAsync(
            Message.Of(("request", Message.Of(("device", "escalate@1.0")))), m => m.Set("operator", @operator.Address), Escalate);

        // The operator signed a harmless GET; the hook turned it into a change of the node message.
        using var response = await node.Client.SendAsync(HttpMessages.Signed(HttpMethod.Get, "/harmless", Message.Empty, @operator));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        using var info = await node.Client.GetAsync("/~meta@1.0/info");
        Assert.Null((await HttpMessages.DecodeReplyAsync(info)).Get("escalated"));
    }
}
