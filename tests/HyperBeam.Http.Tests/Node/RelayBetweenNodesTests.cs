using System.Net;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>relay@1.0 between two real nodes on loopback.</summary>
public class RelayBetweenNodesTests
{
    private static HttpRequestMessage Relay(string key, string target, bool sign = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/~relay@1.0/{key}");
        request.Headers.Add("relay-path", target);
        request.Headers.Add("relay-method", "GET");
        if (sign) request.Headers.Add("requires-sign", "true");
        return request;
    }

    [Fact]
    public async Task A_call_through_one_node_returns_the_other_nodes_answer()
    {
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();
        using var response = await a.Client.SendAsync(Relay("call", new Uri(b.Node.Url, "/~message@1.0&x=from-b/x").ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("from-b", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_node_that_wants_signed_requests_accepts_a_relay_signed_by_the_first_node()
    {
        using var @operator = Wallet.Create();
        await using var a = await TestNode.StartAsync(nodeMessage: m => m.Set("operator", @operator.Address));
        await using var b = await TestNode.StartAsync(nodeMessage: m => m.Set("force_signed_requests", true));
        var target = new Uri(b.Node.Url, "/~meta@1.0/info").ToString();

        using var unsigned = await a.Client.SendAsync(Relay("call", target));
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);

        // The node signs what it relays only for its operator (or its relay-signers), asking over this path and method.
        using var stranger = await a.Client.SendAsync(Relay("call", target, sign: true));
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);

        var asked = Message.Of(("relay-path", target), ("relay-method", "GET"), ("requires-sign", "true"));
        using var signed = await a.Client.SendAsync(HttpMessages.Signed(HttpMethod.Get, "/~relay@1.0/call", asked, @operator));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var info = await HttpMessages.DecodeReplyAsync(signed);
        Assert.Equal(b.Node.Address, info.GetText("address"));
    }

    [Fact]
    public async Task A_cast_answers_at_once()
    {
        await using var a = await TestNode.StartAsync();
        await using var b = await TestNode.StartAsync();
        using var response = await a.Client.SendAsync(Relay("cast", new Uri(b.Node.Url, "/~message@1.0&x=1/x").ToString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_relay_to_a_closed_port_is_unavailable_not_a_crash()
    {
        await using var a = await TestNode.StartAsync();
        using var response = await a.Client.SendAsync(Relay("call", "http://127.0.0.1:1/~meta@1.0/info"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var still = await a.Client.GetAsync("/~meta@1.0/info");
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }
}
