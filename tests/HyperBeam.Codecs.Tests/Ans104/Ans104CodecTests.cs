using System.Text;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Codecs;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>How ans104@1.0 maps messages beyond the recorded vectors: round trips, commitments, tag names, limits.</summary>
public class Ans104CodecTests(TestWallet fixture) : IClassFixture<TestWallet>
{
    private readonly Wallet _wallet = fixture.Wallet;

    public static IEnumerable<object[]> Seeds => Enumerable.Range(1, 40).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_messages_round_trip_through_bytes(int seed)
    {
        var message = new RandomMessages(seed).Next();
        var bytes = Ans104Codec.Serialize(message);

        // HyperBEAM's decoder drops keys that hold a #tx default (e.g. data: ""), so those cannot come back.
        Ans104CodecVectorTests.AssertSame(TxFields.WithoutDefaults(message), Ans104Codec.Deserialize(bytes));
        Assert.Equal(bytes, Ans104Codec.Serialize(Ans104Codec.Deserialize(bytes)));
    }

    [Fact]
    public void Committed_messages_verify_and_their_id_is_the_item_id()
    {
        var message = Message.Of(("a", "b"), ("n", 42), ("nested", Message.Of(("x", "y"))), ("big", new string('z', 500)));
        var signed = Ans104Codec.Commit(message, _wallet);

        Assert.True(Ans104Codec.Verify(signed));
        var commitments = signed.GetMessage("commitments")!;
        var (id, commitment) = Assert.Single(commitments.Entries.ToArray());
        Assert.Equal(Ans104Codec.ToItem(signed).Id, id);
        Assert.Equal(id, MessageIds.All(signed));
        Assert.Equal(MessageIds.Unsigned(message), MessageIds.Unsigned(signed));
        var c = (Message)commitment;
        Assert.Equal("ans104@1.0", c.GetText("commitment-device"));
        Assert.Equal("rsa-pss", c.GetText("alg"));
        Assert.Equal(_wallet.Address, c.GetText("committer"));
    }

    [Fact]
    public void A_committed_message_survives_serialization_and_still_verifies()
    {
        var signed = Ans104Codec.Commit(Message.Of(("k", "v"), ("list", AoList.Of(1, "two"))), _wallet);
        var bytes = Ans104Codec.Serialize(signed);
        var decoded = Ans104Codec.Deserialize(bytes);

        Ans104CodecVectorTests.AssertSame(signed, decoded);
        Assert.True(Ans104Codec.Verify(decoded));
        Assert.True(DataItem.Deserialize(bytes).Verify());
    }

    [Fact]
    public void Tampered_or_misattributed_commitments_do_not_verify()
    {
        var signed = Ans104Codec.Commit(Message.Of(("k", "v")), _wallet);
        var (id, commitment) = signed.GetMessage("commitments")!.Entries[0];
        using var other = Wallet.FromJwk(_wallet.ToJwk(true));

        Assert.False(Ans104Codec.Verify(signed.Set("k", "w")));
        Assert.False(Ans104Codec.Verify(signed.Set("commitments", Message.Empty.Set(Base64Url.Encode(new byte[32]), commitment))));
        Assert.False(Ans104Codec.Verify(signed.Set("commitments", Message.Empty.Set(id, ((Message)commitment).Set("committer", Base64Url.Encode(new byte[32]))))));
        Assert.False(Ans104Codec.Verify(Message.Of(("k", "v"))));
    }

    [Fact]
    public void Tag_names_keep_their_case_and_order_through_a_message_and_back()
    {
        var item = DataItem.Create("payload"u8.ToArray(), [DataItemTag.Of("Content-Type", "text/plain"), DataItemTag.Of("App-Name", "Test")]).Sign(_wallet);
        var message = Ans104Codec.FromItem(item);

        Assert.Equal("text/plain", message.GetText("content-type"));
        Assert.Equal("payload", message.GetText("data"));
        var commitment = (Message)message.GetMessage("commitments")!.Entries[0].Value;
        Assert.Equal("Content-Type", commitment.GetMessage("original-tags")!.GetMessage("1")!.GetText("name"));
        Assert.True(Ans104Codec.Verify(message));
        Assert.Equal(item.Serialize(), Ans104Codec.Serialize(message));
    }

    [Fact]
    public void Repeated_tag_names_become_one_list_valued_key_and_restore_exactly()
    {
        var item = DataItem.Create(default, [DataItemTag.Of("Test-Tag", "one"), DataItemTag.Of("test-tag", "two \"2\"")]).Sign(_wallet);
        var message = Ans104Codec.FromItem(item);

        Assert.Equal("\"one\", \"two \\\"2\\\"\"", message.GetText("test-tag"));
        Assert.Equal(item.Serialize(), Ans104Codec.Serialize(message));
        Assert.True(Ans104Codec.Verify(message));
    }

    [Fact]
    public void Unsigned_items_with_unnormalised_tag_names_record_them_in_an_unsigned_commitment()
    {
        var item = DataItem.Create(default, [DataItemTag.Of("Upper", "v")]);
        var message = Ans104Codec.FromItem(item);

        var (id, commitment) = message.GetMessage("commitments")!.Entries[0];
        Assert.Equal(Base64Url.Encode(new byte[32]), id); // HyperBEAM keys it by the unsigned item's all-zero id
        Assert.Equal("unsigned", ((Message)commitment).GetText("alg"));
        Assert.Equal(item, Ans104Codec.ToItem(message));
        Assert.False(Ans104Codec.Verify(message));

        var signed = Ans104Codec.Commit(message, _wallet);
        Assert.True(Ans104Codec.Verify(signed));
        Assert.Equal("Upper", Ans104Codec.ToItem(signed).Tags[0].NameText);
    }

    [Fact]
    public void Item_fields_come_from_their_keys_and_ids_are_read_as_base64url()
    {
        var target = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var anchor = Enumerable.Repeat((byte)7, 32).ToArray();
        var item = Ans104Codec.ToItem(Message.Of(("target", Base64Url.Encode(target)), ("last_tx", anchor), ("data", "the data"), ("k", "v")));

        Assert.Equal(target, item.Target.ToArray());
        Assert.Equal(anchor, item.Anchor.ToArray());
        Assert.Equal("the data", Encoding.UTF8.GetString(item.Data.Span));
        Assert.Equal<DataItemTag>([DataItemTag.Of("k", "v")], item.Tags);
        var back = Ans104Codec.FromItem(item);
        Assert.Equal(target, ((AoBinary)back["target"]!).ToArray());
        Assert.Equal(anchor, ((AoBinary)back["last_tx"]!).ToArray());
    }

    [Fact]
    public void Long_and_binary_values_travel_as_nested_items_and_short_text_as_tags()
    {
        var long128 = new string('a', 128);
        var long129 = new string('a', 129);
        var incomplete = new byte[] { (byte)'x', 0xE2, 0x98 }; // cut-off UTF-8: Erlang calls it incomplete, not invalid
        var invalid = new byte[] { (byte)'x', 0xFF };
        var item = Ans104Codec.ToItem(Message.Of(("a", long128), ("b", long129), ("c", incomplete), ("d", invalid)));

        Assert.Equal(["bundle-format", "bundle-version", "a", "c", "bundle-map"], item.Tags.Select(t => t.NameText));
        var decoded = Ans104Codec.FromItem(item);
        Assert.Equal(long129, decoded.GetText("b"));
        Assert.Equal(invalid, ((AoBinary)decoded["d"]!).ToArray());
        Assert.Equal(incomplete, ((AoBinary)decoded["c"]!).ToArray());
    }

    [Fact]
    public void Keys_ans104_cannot_carry_are_clear_errors()
    {
        Assert.Contains("'tags'", Assert.Throws<CodecException>(() => Ans104Codec.ToItem(Message.Of(("tags", "x")))).Message);
        var manyKeys = Message.From(Enumerable.Range(0, 129).Select(i => new KeyValuePair<string, object?>($"k{i}", "v")));
        Assert.Contains("at most 128", Assert.Throws<CodecException>(() => Ans104Codec.ToItem(manyKeys)).Message);
        var longName = Message.Of((new string('n', 1025), "v"));
        Assert.Contains("at most 1024", Assert.Throws<CodecException>(() => Ans104Codec.ToItem(longName)).Message);
        Assert.Contains("owner", Assert.Throws<CodecException>(() => Ans104Codec.ToItem(Message.Of(("owner", "short")))).Message);
        var twoCommitments = Message.Of(("a", "b"), ("commitments", Message.Of(("x", Message.Of(("alg", "1"))), ("y", Message.Of(("alg", "2"))))));
        Assert.Contains("one signature", Assert.Throws<CodecException>(() => Ans104Codec.ToItem(twoCommitments)).Message);
    }

    [Fact]
    public void Keys_that_hold_a_tx_default_are_dropped_on_decoding_as_HyperBEAM_does()
    {
        var decoded = Ans104Codec.Deserialize(Ans104Codec.Serialize(Message.Of(("quantity", 0), ("reward", 5), ("k", "v"))));
        Ans104CodecVectorTests.AssertSame(Message.Of(("reward", 5), ("k", "v")), decoded);
    }

    [Fact]
    public void A_bare_binary_item_is_not_a_message()
    {
        var item = DataItem.Create("raw"u8.ToArray(), [DataItemTag.Of("ao-type", "binary")]);
        Assert.Contains("bare binary", Assert.Throws<CodecException>(() => Ans104Codec.FromItem(item)).Message);
    }
}
