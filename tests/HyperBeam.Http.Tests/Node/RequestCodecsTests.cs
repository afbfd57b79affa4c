using System.Net;
using System.Text;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Codecs.Flat;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// Requests whose message travels whole in the body, named by <c>codec-device</c>: json@1.0, flat@1.0 and ANS-104
/// data items. A signed item is verified at the door (a tampered one is a 400) and counts as a signed request.
/// </summary>
public class RequestCodecsTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private static readonly Message Greeting = Message.Of(("greeting", "hello"));

    [Theory]
    [InlineData("json@1.0")]
    [InlineData("flat@1.0")]
    [InlineData("ans104@1.0")]
    public async Task A_message_in_the_body_is_resolved_under_the_http_path(string codec)
    {
        await using var node = await TestNode.StartAsync();
        var body = codec switch
        {
            "json@1.0" => JsonCodec.Encode(Greeting),
            "flat@1.0" => FlatCodec.Encode(Greeting),
            _ => Ans104Codec.Serialize(Greeting),
        };
        using var response = await node.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/greeting", codec, body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_data_item_is_verified_and_accepted_where_signed_requests_are_required()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("force_signed_requests", true));
        var item = Ans104Codec.Serialize(Ans104Codec.Commit(Greeting, signer.Wallet));
        using var response = await node.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/greeting", "ans104@1.0", item));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_data_item_changed_after_signing_is_refused_with_400()
    {
        await using var node = await TestNode.StartAsync();
        var item = Ans104Codec.Serialize(Ans104Codec.Commit(Greeting, signer.Wallet));
        var tampered = Replace(item, "hello"u8, "jello"u8);
        using var response = await node.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/greeting", "ans104@1.0", tampered));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signature does not verify", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unsigned_data_item_is_refused_where_signed_requests_are_required()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("force_signed_requests", true));
        using var response = await node.Client.SendAsync(
            HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/greeting", "ans104@1.0", Ans104Codec.Serialize(Greeting)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_json_body_with_a_forged_commitment_is_refused_with_400()
    {
        await using var node = await TestNode.StartAsync();
        var signed = Ans104Codec.Commit(Greeting, signer.Wallet).Set("greeting", "forged");
        using var response = await node.Client.SendAsync(
            HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/greeting", "json@1.0", JsonCodec.Encode(signed)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signature does not verify", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Only httpsig@1.0's decoder computes a request's HMAC commitment itself, so only there is it not checked twice:
    /// one that arrives in a body codec restates an ID that must still match the message.
    /// </summary>
    [Fact]
    public async Task A_json_body_whose_hmac_commitment_does_not_match_it_is_refused_with_400()
    {
        await using var node = await TestNode.StartAsync();
        var hmac = Message.Of(("commitment-device", "httpsig@1.0"), ("alg", "hmac-sha256"));
        var forged = Greeting.Set("commitments", Message.Empty.Set("sWbkzKdMBRDjiYnOgHiQgYvE-6fjsKNRXFLYpTpMAm0", hmac));
        using var response = await node.Client.SendAsync(
            HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0/greeting", "json@1.0", JsonCodec.Encode(forged)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signature does not verify", await response.Content.ReadAsStringAsync());
    }

    private static byte[] Replace(byte[] bytes, ReadOnlySpan<byte> find, ReadOnlySpan<byte> with)
    {
        var at = bytes.AsSpan().IndexOf(find);
        Assert.True(at >= 0, "the item should carry the value in clear: " + Encoding.Latin1.GetString(bytes));
        var copy = bytes.ToArray();
        with.CopyTo(copy.AsSpan(at));
        return copy;
    }
}
