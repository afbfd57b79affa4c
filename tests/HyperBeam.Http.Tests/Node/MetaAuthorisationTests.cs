using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>Two keys for authority tests: the node's configured operator, and someone else.</summary>
public sealed class OperatorAndStranger : IDisposable
{
    public Wallet Operator { get; } = Wallet.Create();

    public Wallet Stranger { get; } = Wallet.Create();

    public void Dispose()
    {
        Operator.Dispose();
        Stranger.Dispose();
    }
}

/// <summary>
/// Changing the node message through meta@1.0: only its operator, over this path and method, once per signed update;
/// an unclaimed node is claimed only from its own host; nothing the node signed itself is authority over it.
/// </summary>
public class MetaAuthorisationTests(OperatorAndStranger keys) : IClassFixture<OperatorAndStranger>
{
    private const string InfoPath = "/~meta@1.0/info";

    private Task<TestNode> ClaimedNodeAsync() => TestNode.StartAsync(nodeMessage: m => m.Set("operator", keys.Operator.Address));

    private static async Task<HttpResponseMessage> PostSignedAsync(TestNode node, Message update, Wallet wallet) =>
        await node.Client.SendAsync(HttpMessages.Signed(HttpMethod.Post, InfoPath, update, wallet));

    private static async Task<Message> InfoAsync(TestNode node)
    {
        using var response = await node.Client.GetAsync(InfoPath);
        return await HttpMessages.DecodeReplyAsync(response);
    }

    [Fact]
    public async Task The_operator_changes_the_node_message_and_it_is_recorded_in_the_history()
    {
        await using var node = await ClaimedNodeAsync();
        using var response = await PostSignedAsync(node, Message.Of(("motd", "hello operators")), keys.Operator);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var info = await InfoAsync(node);
        Assert.Equal("hello operators", info.GetText("motd"));
        Assert.Single((AoList)info.Get("node_history")!);
    }

    [Fact]
    public async Task A_stranger_cannot_change_the_node_message()
    {
        await using var node = await ClaimedNodeAsync();
        using var response = await PostSignedAsync(node, Message.Of(("motd", "defaced")), keys.Stranger);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await InfoAsync(node)).GetText("motd"));
    }

    [Fact]
    public async Task An_unsigned_change_is_refused()
    {
        await using var node = await ClaimedNodeAsync();
        using var response = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, InfoPath, Message.Of(("motd", "x"))));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_nodes_own_key_is_no_authority_over_the_node()
    {
        // The default node is unclaimed: its own signature used to count as the operator's.
        await using var node = await TestNode.StartAsync();
        using var response = await PostSignedAsync(node, Message.Of(("operator", "ATTACKER")), node.Node.State.Wallet!);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await InfoAsync(node)).GetText("operator"));
    }

    [Fact]
    public async Task An_operator_signature_that_does_not_cover_the_path_and_method_is_refused()
    {
        await using var node = await ClaimedNodeAsync();
        var signedElsewhere = HttpSigCommitments.Commit(Message.Of(("motd", "loose")), keys.Operator);
        using var response = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, InfoPath, signedElsewhere));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await InfoAsync(node)).GetText("motd"));
    }

    [Fact]
    public async Task An_operator_message_signed_for_another_path_is_no_authority_here()
    {
        await using var node = await ClaimedNodeAsync();
        // A body codec carries the signed message whole, so its signature still verifies at another path.
        var forOtherPath = HttpSigCommitments.Commit(
            Message.Of(("path", "/~message@1.0/motd"), ("method", "POST"), ("motd", "replayed")), keys.Operator);
        using var response = await node.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, InfoPath, "json@1.0", JsonCodec.Encode(forOtherPath)));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await InfoAsync(node)).GetText("motd"));
    }

    [Fact]
    public async Task A_signed_update_applies_once_and_its_replay_is_refused()
    {
        await using var node = await ClaimedNodeAsync();
        var first = HttpSigCommitments.Commit(Message.Of(("path", InfoPath), ("method", "POST"), ("motd", "v1")), keys.Operator);
        using (var applied = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, InfoPath, first)))
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        using (var second = await PostSignedAsync(node, Message.Of(("motd", "v2")), keys.Operator))
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        // The first update's signature is public in node_history; sending it again must not roll the node back.
        using var replay = await node.Client.SendAsync(HttpMessages.Request(HttpMethod.Post, InfoPath, first));
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal("v2", (await InfoAsync(node)).GetText("motd"));
    }

    [Fact]
    public async Task An_unclaimed_node_is_claimed_by_the_first_signed_change_from_its_own_host()
    {
        await using var node = await TestNode.StartAsync();
        using var claim = await PostSignedAsync(node, Message.Of(("motd", "mine")), keys.Stranger);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        Assert.Equal(keys.Stranger.Address, (await InfoAsync(node)).GetText("operator"));

        // Now claimed, anyone else is a stranger to it, and the node's own key most of all.
        using var other = await PostSignedAsync(node, Message.Of(("motd", "theirs")), keys.Operator);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using var own = await PostSignedAsync(node, Message.Of(("motd", "own")), node.Node.State.Wallet!);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    [InlineData("Via", "1.1 hyperbeam-relay")]
    public async Task An_unclaimed_node_cannot_be_claimed_through_a_proxy_or_a_relay(string header, string value)
    {
        await using var node = await TestNode.StartAsync();
        using var request = HttpMessages.Signed(HttpMethod.Post, InfoPath, Message.Of(("motd", "mine")), keys.Stranger);
        request.Headers.TryAddWithoutValidation(header, value);
        using var claim = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
        Assert.Contains("own host", await claim.Content.ReadAsStringAsync());
        Assert.Null((await InfoAsync(node)).GetText("operator"));
    }

    [Fact]
    public async Task A_relay_with_requires_sign_to_the_nodes_own_meta_does_not_make_the_caller_operator()
    {
        // The attack as it was found: one unauthenticated request, the node's key signing the caller's keys.
        await using var node = await TestNode.StartAsync();
        var info = new Uri(node.Node.Url, InfoPath).ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"/~relay@1.0/call?relay-path={info}&relay-method=POST&requires-sign=true");
        request.Headers.Add("operator", "ATTACKER");
        using var response = await node.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await InfoAsync(node)).GetText("operator"));

        // Without requires-sign the relay forwards it unsigned, and meta refuses that too.
        using var plain = new HttpRequestMessage(HttpMethod.Post, $"/~relay@1.0/call?relay-path={info}&relay-method=POST");
        plain.Headers.Add("operator", "ATTACKER");
        using var forwarded = await node.Client.SendAsync(plain);
        Assert.NotEqual(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Null((await InfoAsync(node)).GetText("operator"));
    }

    [Fact]
    public async Task A_message_a_process_pushed_is_no_authority_even_where_its_signer_is_the_operator()
    {
        // push@1.0 signs what a process wrote with the node's key, with from-process covered. On a node whose operator
        // is that key, such a message replayed to meta must not count.
        await using var node = await ClaimedNodeAsync();
        var pushed = Message.Of(("motd", "from a process"), ("from-process", new string('p', 43)));
        using var response = await PostSignedAsync(node, pushed, keys.Operator);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await InfoAsync(node)).GetText("motd"));
    }

    [Fact]
    public async Task A_permanent_node_message_cannot_change_even_for_the_operator()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("operator", keys.Operator.Address).Set("initialized", "permanent"));
        using var response = await PostSignedAsync(node, Message.Of(("motd", "x")), keys.Operator);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("permanent", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_uninitialised_node_answers_only_meta_info()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("initialized", false));
        using var info = await node.Client.GetAsync(InfoPath);
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        using var other = await node.Client.GetAsync("/~message@1.0&a=1/a");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("initialized", await other.Content.ReadAsStringAsync());
    }
}
