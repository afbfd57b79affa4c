using System.Net;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Http.Tests.Node;

/// <summary>
/// Uploads the way the newest HyperBEAM takes them: <c>POST /~bundler@1.0/tx</c> with a signed ANS-104 item
/// (<c>codec-device</c> as a header or in the query); the item is then served at <c>/ID</c>, signature and all.
/// </summary>
public class UploadOverHttpTests(NodeFixture fixture, StrangerWallet signer) : IClassFixture<NodeFixture>, IClassFixture<StrangerWallet>
{
    [Theory]
    [InlineData("/~bundler@1.0/tx", true)]
    [InlineData("/~bundler@1.0/tx?codec-device=ans104@1.0", false)]
    [InlineData("/~bundler@1.0/item", true)]
    public async Task An_uploaded_item_is_served_back_at_its_id_as_the_same_signed_item(string path, bool header)
    {
        var signed = Ans104Codec.Commit(Message.Of(("content-type", "application/lua"), ("data", "function compute(b) return b end"), ("nonce", Guid.NewGuid().ToString("N"))), signer.Wallet);
        var bytes = Ans104Codec.Serialize(signed);
        var id = DataItem.Deserialize(bytes).Id;
        using var upload = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        if (header) upload.Headers.TryAddWithoutValidation("codec-device", "ans104@1.0");

        using var uploaded = await fixture.Client.SendAsync(upload);
        Assert.True(uploaded.StatusCode == HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        Assert.Equal(id, (await HttpMessages.DecodeReplyAsync(uploaded)).GetText("id"));

        using var read = new HttpRequestMessage(HttpMethod.Get, "/" + id);
        read.Headers.TryAddWithoutValidation("accept-codec", "ans104@1.0");
        using var served = await fixture.Client.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var item = DataItem.Deserialize(await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(id, item.Id);
        Assert.True(item.Verify());
        Assert.Equal("function compute(b) return b end", System.Text.Encoding.UTF8.GetString(item.Data.Span));
    }

    [Fact]
    public async Task An_unsigned_upload_is_a_400_and_is_not_kept()
    {
        var bytes = Ans104Codec.Serialize(Message.Of(("data", "unsigned"), ("nonce", Guid.NewGuid().ToString("N"))));

        using var uploaded = await fixture.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~bundler@1.0/tx", "ans104@1.0", bytes));

        Assert.Equal(HttpStatusCode.BadRequest, uploaded.StatusCode);
    }

    [Fact]
    public async Task An_upload_over_the_body_limit_is_a_413()
    {
        await using var node = await TestNode.StartAsync(nodeMessage: m => m.Set("bundler-max-item-bytes", 4096));
        var bytes = Ans104Codec.Serialize(Ans104Codec.Commit(Message.Of(("data", new string('x', 8192))), signer.Wallet));

        using var uploaded = await node.Client.SendAsync(HttpMessages.InCodec(HttpMethod.Post, "/~bundler@1.0/tx", "ans104@1.0", bytes));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, uploaded.StatusCode);
    }
}
