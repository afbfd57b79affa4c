using System.Text.Json.Nodes;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Interop.Tests;

/// <summary>Single data items between this port and the real arbundles, signed on one side and checked on the other.</summary>
[Collection(NodeCollection.Name)]
public class ArbundlesItemTests(NodeFixture node)
{
    private static readonly List<DataItemTag> Tags =
    [
        DataItemTag.Of("Content-Type", "text/plain"),
        DataItemTag.Of("App-Name", "HyperBeam.Actors"),
        DataItemTag.Of("Empty", ""),
        DataItemTag.Of("Ünïcødé", "☃ snow"),
        DataItemTag.Of("App-Name", "repeated"),
    ];

    private static readonly byte[] Target = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Anchor = Enumerable.Range(200, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public async Task An_item_arbundles_signs_with_a_fresh_node_key_verifies_here_with_the_same_id()
    {
        var output = await node.RunAsync("sign-item.mjs", new JsonObject
        {
            ["data_b64"] = Json.B64("hello from arbundles"u8.ToArray()),
            ["tags"] = Json.Tags(Tags),
            ["target_b64"] = Json.B64(Target),
            ["anchor_b64"] = Json.B64(Anchor),
        });
        var bytes = Json.Bytes(output, "item_b64");
        var item = DataItem.Deserialize(bytes);

        Assert.True(item.Verify());
        Assert.Equal(output.GetProperty("id").GetString(), item.Id);
        Assert.Equal<DataItemTag>(Tags, item.Tags);
        Assert.Equal(Target, item.Target.ToArray());
        Assert.Equal(Anchor, item.Anchor.ToArray());
        Assert.Equal("hello from arbundles"u8.ToArray(), item.Data.ToArray());
        Assert.Equal(bytes, item.Serialize());

        // Node's JWK loads as a wallet here, with the owner's address.
        using var wallet = Wallet.FromJwk(output.GetProperty("jwk").GetRawText());
        Assert.Equal(Wallet.AddressOf(item.Owner.Span), wallet.Address);
    }

    [Fact]
    public async Task An_item_we_sign_verifies_in_arbundles_with_the_same_id()
    {
        var wallet = node.Wallet;
        var item = DataItem.Create("hello from .NET"u8.ToArray(), Tags, Target, Anchor).Sign(wallet);

        var output = await node.RunAsync("verify-item.mjs", new JsonObject { ["item_b64"] = Json.B64(item.Serialize()) });

        Assert.True(output.GetProperty("valid").GetBoolean());
        Assert.Equal(item.Id, output.GetProperty("id").GetString());
        Assert.Equal(wallet.Address, output.GetProperty("owner_address").GetString());
        Assert.Equal<DataItemTag>(Tags, Json.Tags(output.GetProperty("tags")));
        Assert.Equal(item.Data.ToArray(), Json.Bytes(output, "data_b64"));
        Assert.Equal(Target, Json.Bytes(output, "target_b64"));
        Assert.Equal(Anchor, Json.Bytes(output, "anchor_b64"));
    }

    [Fact]
    public async Task A_tampered_item_fails_in_arbundles_too()
    {
        var wallet = node.Wallet;
        var bytes = DataItem.Create("original"u8.ToArray(), Tags).Sign(wallet).Serialize();
        bytes[^1] ^= 0x01;

        var output = await node.RunAsync("verify-item.mjs", new JsonObject { ["item_b64"] = Json.B64(bytes) });

        Assert.False(output.GetProperty("valid").GetBoolean());
        Assert.False(DataItem.Deserialize(bytes).Verify());
    }

    [Fact]
    public async Task Arbundles_signs_with_our_key_file_and_we_verify_it_as_that_wallet()
    {
        var wallet = node.Wallet;
        var output = await node.RunAsync("sign-item.mjs", new JsonObject
        {
            ["jwk"] = Json.Jwk(wallet.ToJwk(includePrivate: true)),
            ["data_b64"] = Json.B64("x"u8.ToArray()),
            ["tags"] = Json.Tags([DataItemTag.Of("k", "v")]),
        });
        var item = DataItem.Deserialize(Json.Bytes(output, "item_b64"));

        Assert.True(item.Verify());
        Assert.Equal(wallet.PublicKey.ToArray(), item.Owner.ToArray());
    }

    [Fact]
    public async Task A_message_committed_with_ans104_is_a_valid_item_for_arbundles()
    {
        var wallet = node.Wallet;
        var signed = HyperBeam.Codecs.Ans104.Ans104Codec.Commit(Message.Of(("a", "b"), ("n", 7), ("nested", Message.Of(("x", "y")))), wallet);
        var bytes = Ans104Codec.Serialize(signed);

        var output = await node.RunAsync("verify-item.mjs", new JsonObject { ["item_b64"] = Json.B64(bytes) });

        Assert.True(output.GetProperty("valid").GetBoolean());
        Assert.Equal(DataItem.Deserialize(bytes).Id, output.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_arbundles_item_decodes_as_a_message_that_reencodes_to_the_same_bytes()
    {
        var output = await node.RunAsync("sign-item.mjs", new JsonObject
        {
            ["data_b64"] = Json.B64("body text"u8.ToArray()),
            ["tags"] = Json.Tags([DataItemTag.Of("Content-Type", "text/plain"), DataItemTag.Of("Action", "Eval")]),
        });
        var bytes = Json.Bytes(output, "item_b64");
        var message = Ans104Codec.Deserialize(bytes);

        Assert.Equal("Eval", message.GetText("action"));
        Assert.Equal("body text", message.GetText("data"));
        Assert.True(Ans104Codec.Verify(message));
        Assert.Equal(bytes, Ans104Codec.Serialize(message));
    }
}
