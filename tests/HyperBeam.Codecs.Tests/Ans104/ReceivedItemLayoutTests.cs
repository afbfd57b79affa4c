using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>
/// Signed items in every tag layout a client such as arbundles produces decode to messages that verify and
/// serialise back to the very bytes that arrived (same ID), however far the layout is from the one this codec writes.
/// </summary>
public class ReceivedItemLayoutTests(TestWallet fixture) : IClassFixture<TestWallet>
{
    private readonly Wallet _wallet = fixture.Wallet;

    private static readonly byte[] Target = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Anchor = "anchor-of-exactly-thirty-two-b.."u8.ToArray();

    public static TheoryData<string> Layouts => new(ItemLayouts.Names);

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_signed_item_in_any_layout_verifies_as_a_message_and_reserialises_byte_for_byte(string layout)
    {
        var item = ItemLayouts.Build(layout, Target, Anchor).Sign(_wallet);
        var bytes = item.Serialize();

        var message = Ans104Codec.Deserialize(bytes);

        Assert.True(Ans104Codec.Verify(message));
        Assert.Equal(item.Id, MessageIds.All(message));
        Assert.Equal(Convert.ToBase64String(bytes), Convert.ToBase64String(Ans104Codec.Serialize(message)));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_changed_value_in_any_layout_no_longer_verifies(string layout)
    {
        var message = Ans104Codec.Deserialize(ItemLayouts.Build(layout, Target, Anchor).Sign(_wallet).Serialize());

        Assert.False(Ans104Codec.Verify(message.Set("action", "Changed")));
        Assert.False(Ans104Codec.Verify(message.Set("added", "key")));
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Keys_added_after_the_item_arrived_fall_away_and_what_is_left_verifies(string layout)
    {
        var item = ItemLayouts.Build(layout, Target, Anchor).Sign(_wallet);
        var received = Ans104Codec.WithCommittedKeys(Ans104Codec.FromItem(item));
        var withHttp = received.Set("path", "/x~process@1.0/schedule").Set("method", "POST");

        var only = CommittedMessage.OnlyCommitted(withHttp);

        Assert.False(CommittedMessage.Verifies(withHttp));
        Assert.Equal(received, only);
        Assert.True(CommittedMessage.Verifies(only));
        Assert.Equal(item.Serialize(), Ans104Codec.Serialize(only));
    }

    [Fact]
    public void Without_a_record_of_its_keys_an_item_with_original_tags_covers_its_tag_names_and_fields()
    {
        var item = ItemLayouts.Build("3-kb-value", Target, Anchor).Sign(_wallet);
        var withHttp = Ans104Codec.FromItem(item).Set("path", "/x").Set("method", "POST");

        var only = CommittedMessage.OnlyCommitted(withHttp);

        Assert.False(only.ContainsKey("path") || only.ContainsKey("method"));
        Assert.True(CommittedMessage.Verifies(only));
    }

    [Fact]
    public void A_message_whose_value_differs_from_its_original_tags_refuses_to_serialise_rather_than_send_the_old_tags()
    {
        var message = Ans104Codec.Deserialize(ItemLayouts.Build("unsorted-lower-case", Target, Anchor).Sign(_wallet).Serialize());

        var error = Assert.Throws<CodecException>(() => Ans104Codec.Serialize(message.Set("action", "Changed")));
        Assert.Contains("original-tags", error.Message);
    }

    [Fact]
    public void A_3_kb_tag_value_stays_a_tag_and_a_longer_one_is_refused_with_the_limit()
    {
        var item = DataItem.Create(default, [DataItemTag.Of("big", new string('v', DataItemLimits.MaxTagValueBytes))]).Sign(_wallet);
        Assert.Equal(item.Serialize(), Ans104Codec.Serialize(Ans104Codec.Deserialize(item.Serialize())));

        var tooLong = item with { Tags = [DataItemTag.Of("big", new string('v', DataItemLimits.MaxTagValueBytes + 1))] };
        Assert.Contains("at most 3072", Assert.Throws<CodecException>(() => tooLong.Serialize()).Message);
    }
}
