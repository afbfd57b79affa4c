using System.Net;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// <c>GET /~meta@1.0/info</c> is built once per node message version: the same reply (a signing node's one signature
/// included) until the node message changes, and then a new one, signed over what it now says.
/// </summary>
public class NodeInfoReplyTests(OperatorAndStranger keys) : IClassFixture<OperatorAndStranger>
{
    private const string InfoPath = "/~meta@1.0/info";

    /// <summary>
    /// A signing node without the <c>hashpath</c> option: a signed reply carrying that key as a value does not decode
    /// (the codec takes <c>hashpath</c> for the resolver's own key; a fault of its own, not of this cache).
    /// </summary>
    private static Message Signing(Message node) => node.Set("force_signed", true).Remove("hashpath");

    [Fact]
    public async Task A_signing_node_answers_info_with_one_signed_reply_per_node_message_version()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: Signing);
        var (_, firstBody, firstSignature) = await InfoAsync(node);
        var (second, secondBody, secondSignature) = await InfoAsync(node);

        // RSA-PSS signatures are salted: two signings of the same reply differ, one kept reply does not.
        Assert.NotNull(firstSignature);
        Assert.Equal(firstSignature, secondSignature);
        Assert.Equal(firstBody, secondBody);
        Assert.True(HttpSigCommitments.Verify(second));
        Assert.Equal([node.Node.Address!], HttpSigCommitments.Committers(second));
    }

    [Fact]
    public async Task A_change_to_the_node_message_is_in_the_next_info_reply_signed_over_what_it_says()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => Signing(m).Set("operator", keys.Operator.Address));
        var (before, _, beforeSignature) = await InfoAsync(node);
        await InfoAsync(node);

        using (var update = await node.Client.SendAsync(HttpMessages.Signed(HttpMethod.Post, InfoPath, Message.Of(("motd", "changed")), keys.Operator)))
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var (after, _, afterSignature) = await InfoAsync(node);
        var (_, _, againSignature) = await InfoAsync(node);

        Assert.Null(before.GetText("motd"));
        Assert.Equal("changed", after.GetText("motd"));
        Assert.NotNull(beforeSignature);
        Assert.NotEqual(beforeSignature, afterSignature);
        Assert.True(HttpSigCommitments.Verify(after));
        Assert.Equal(afterSignature, againSignature);
    }

    [Fact]
    public async Task Info_with_a_query_or_another_codec_is_not_answered_with_the_kept_reply()
    {
        await using var node = await TestNode.StartAsync();
        await InfoAsync(node);
        using var json = new HttpRequestMessage(HttpMethod.Get, InfoPath);
        json.Headers.Add("accept", "application/json");
        using var jsonReply = await node.Client.SendAsync(json);
        Assert.Equal("application/json", jsonReply.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"address\"", await jsonReply.Content.ReadAsStringAsync());
    }

    /// <summary>The info reply, decoded, with its body and its raw <c>signature</c> header.</summary>
    private static async Task<(Message Reply, byte[] Body, string? Signature)> InfoAsync(TestNode node)
    {
        using var response = await node.Client.GetAsync(InfoPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signature = response.Headers.TryGetValues("signature", out var values) ? string.Join(",", values) : null;
        var body = await response.Content.ReadAsByteArrayAsync();
        using var copy = new HttpResponseMessage(response.StatusCode) { Content = new ByteArrayContent(body) };
        foreach (var header in response.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        foreach (var header in response.Content.Headers) copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return (await HttpMessages.DecodeReplyAsync(copy), body, signature);
    }
}
