using System.Text.Json;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// The reply codec named by the request message itself (HyperBEAM reads <c>accept-codec</c> and <c>require-codec</c>
/// from the request): aoconnect sends them as signed tags of its ANS-104 item, and readers put them in the query.
/// A codec name or a media type both work.
/// </summary>
public class ReplyCodecFromRequestTests(NodeFixture fixture, StrangerWallet signer) : IClassFixture<NodeFixture>, IClassFixture<StrangerWallet>
{
    private const string MessagePath = "/~message@1.0&inner+map=a=1,b=%22x%22/inner";

    [Theory]
    [InlineData("require-codec", "application/json")]
    [InlineData("accept-codec", "json@1.0")]
    public async Task A_signed_tag_of_an_ans104_request_picks_the_reply_codec(string key, string value)
    {
        var item = Ans104Codec.Serialize(Ans104Codec.Commit(Message.Of(("greeting", "hello"), (key, value)), signer.Wallet));

        using var response = await fixture.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~message@1.0", "ans104@1.0", item));

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("hello", json.RootElement.GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task A_query_key_picks_the_reply_codec()
    {
        using var response = await fixture.Client.GetAsync(MessagePath + "?require-codec=application/json");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("x", json.RootElement.GetProperty("b").GetString());
    }

    [Fact]
    public async Task An_unknown_codec_in_the_request_leaves_the_default()
    {
        using var response = await fixture.Client.GetAsync(MessagePath + "?accept-codec=nonsense@9.9");

        Assert.Equal("1", response.Headers.GetValues("a").Single());
    }
}
