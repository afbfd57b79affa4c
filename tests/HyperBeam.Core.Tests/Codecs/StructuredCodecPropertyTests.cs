using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Codecs;

public class StructuredCodecPropertyTests
{
    [Fact]
    public void Every_random_message_round_trips_through_a_tabm_losslessly()
    {
        var gen = new RandomMessages(seed: 8734);
        for (var i = 0; i < 2000; i++)
        {
            var message = gen.Next();
            var back = StructuredCodec.FromTabm(StructuredCodec.ToTabm(message));
            StructuredCodecVectorTests.AssertSame(message, back);
        }
    }

    [Fact]
    public void Tabm_values_are_only_binaries_or_messages()
    {
        var gen = new RandomMessages(seed: 42);
        for (var i = 0; i < 500; i++) AssertTabm(StructuredCodec.ToTabm(gen.Next()));
    }

    [Fact]
    public void The_unsigned_id_does_not_depend_on_insertion_order()
    {
        var gen = new RandomMessages(seed: 7);
        for (var i = 0; i < 300; i++)
        {
            var message = gen.Next();
            Assert.Equal(MessageIds.Unsigned(message), MessageIds.Unsigned(RandomMessages.Reordered(message)));
        }
    }

    [Fact]
    public void Changing_any_value_changes_the_unsigned_id()
    {
        var gen = new RandomMessages(seed: 99);
        for (var i = 0; i < 300; i++)
        {
            var message = gen.Next();
            if (message.IsEmpty) continue;
            var key = message.Keys.First();
            var changed = message.Set(key, "changed-value");
            if (changed.Equals(message)) continue;
            Assert.NotEqual(MessageIds.Unsigned(message), MessageIds.Unsigned(changed));
        }
    }

    [Fact]
    public void Ids_are_43_characters_of_base64url_for_32_bytes()
    {
        var id = MessageIds.Unsigned(Message.Of(("a", "b")));
        Assert.Equal(43, id.Length);
        Assert.Equal(32, Base64Url.Decode(id).Length);
        Assert.True(Base64Url.IsHumanId(id));
    }

    [Fact]
    public void Private_keys_take_no_part_in_the_id_or_the_tabm()
    {
        var plain = Message.Of(("a", "1"));
        var withPriv = plain.Set("priv", Message.Of(("secret", "s"))).Set("priv_x", "y");
        Assert.Equal(MessageIds.Unsigned(plain), MessageIds.Unsigned(withPriv));
        Assert.Equal(["a"], StructuredCodec.ToTabm(withPriv).Keys);
    }

    [Theory]
    [InlineData("n=\"integer\"", "n", "12x", "integer")]
    [InlineData("n=\"float\"", "n", "abc", "float")]
    [InlineData("n=\"no-such-type\"", "n", "1", "unknown ao-type")]
    [InlineData("n=(1 2", "n", "1", "ao-types")]
    [InlineData("l=\"list\"", "l", "\"unterminated", "list")]
    public void A_malformed_tabm_gives_a_codec_error_naming_the_problem(string aoTypes, string key, string value, string expected)
    {
        var tabm = Message.Of(("ao-types", aoTypes), (key, value));
        var error = Assert.Throws<CodecException>(() => StructuredCodec.FromTabm(tabm));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_numbered_list_with_a_gap_is_rejected()
    {
        var tabm = Message.Of(("ao-types", "l=\"list\""), ("l", Message.Of(("1", "a"), ("3", "c"))));
        Assert.Throws<CodecException>(() => StructuredCodec.FromTabm(tabm));
    }

    private static void AssertTabm(Message tabm)
    {
        foreach (var (_, v) in tabm.Entries)
        {
            if (v is Message m) AssertTabm(m);
            else Assert.IsType<AoBinary>(v);
        }
    }
}
