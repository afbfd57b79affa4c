using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;

namespace HyperBeam.Http.Tests.Node;

/// <summary>Changing the node message through meta@1.0: the operator may, a stranger may not, a claim, permanence.</summary>
public class MetaAuthorisationTests(StrangerWallet stranger) : IClassFixture<StrangerWallet>
{
    private static async Task<HttpResponseMessage> PostInfoAsync(TestNode node, Message signed) =>
        await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, "/~meta@1.0/info", signed));

    private static async Task<Message> InfoAsync(TestNode node)
    {
        using var response = await node.Client.GetAsync("/~meta@1.0/info");
        return await HttpMessages.DecodeReplyAsync(response);
    }

    [Fact]
    public async Task The_operator_changes_the_node_message_and_it_is_recorded_in_the_history()
    {
        await using var node = await TestNode.StartAsync();
        var signed = HttpSigCommitments.Commit(Message.Of(("motd", "hello operators")), node.Node.State.Wallet!);
        using var response = await PostInfoAsync(node, signed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await InfoAsync(node);
        Assert.Equal("hello operators", info.GetText("motd"));
        Assert.Single((AoList)info.Get("node_history")!);
    }

    [Fact]
    public async Task A_stranger_cannot_change_the_node_message()
    {
        await using var node = await TestNode.StartAsync();
        var signed = HttpSigCommitments.Commit(Message.Of(("motd", "defaced")), stranger.Wallet);
        using var response = await PostInfoAsync(node, signed);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await InfoAsync(node)).GetText("motd"));
    }

    [Fact]
    public async Task An_unsigned_change_is_refused()
    {
        await using var node = await TestNode.StartAsync();
        using var response = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, "/~meta@1.0/info", Message.Of(("motd", "x"))));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_unclaimed_node_is_claimed_by_its_first_signed_change()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("operator", "unclaimed"));
        using var claim = await PostInfoAsync(node, HttpSigCommitments.Commit(Message.Of(("motd", "mine")), stranger.Wallet));
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        Assert.Equal(stranger.Wallet.Address, (await InfoAsync(node)).GetText("operator"));

        // Now claimed, the node's own key is a stranger to it.
        using var other = await PostInfoAsync(node, HttpSigCommitments.Commit(Message.Of(("motd", "theirs")), node.Node.State.Wallet!));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task A_permanent_node_message_cannot_change_even_for_the_operator()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("initialized", "permanent"));
        using var response = await PostInfoAsync(node, HttpSigCommitments.Commit(Message.Of(("motd", "x")), node.Node.State.Wallet!));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("permanent", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_uninitialised_node_answers_only_meta_info()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("initialized", false));
        using var info = await node.Client.GetAsync("/~meta@1.0/info");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        using var other = await node.Client.GetAsync("/~message@1.0&a=1/a");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("initialized", await other.Content.ReadAsStringAsync());
    }
}
