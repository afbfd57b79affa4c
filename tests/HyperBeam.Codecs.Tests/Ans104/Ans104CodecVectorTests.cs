using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>
/// Messages ⇄ ANS-104 against HyperBEAM's <c>hb_message:convert</c> (ans104.json "codec") and its ans104 commitments
/// (signed.json "ans104", made with test/key-1.json).
/// </summary>
public class Ans104CodecVectorTests
{
    public static IEnumerable<object[]> Codec => VectorFile.Rows(Ans104Vectors.File, "codec");
    public static IEnumerable<object[]> Signed => VectorFile.Rows("signed.json", "ans104");

    [Theory]
    [MemberData(nameof(Codec))]
    public void Messages_serialize_byte_for_byte(VectorCase v)
    {
        var input = TypedJson.ToMessage(v.Data.GetProperty("input"));
        var expected = Ans104Vectors.Base64(v.Data.GetProperty("output"), "serialized_b64");
        Assert.Equal(Convert.ToBase64String(expected), Convert.ToBase64String(Ans104Codec.Serialize(input)));
    }

    [Theory]
    [MemberData(nameof(Codec))]
    public void Messages_become_the_recorded_tags_data_and_unsigned_id(VectorCase v)
    {
        var output = v.Data.GetProperty("output");
        var item = Ans104Codec.ToItem(TypedJson.ToMessage(v.Data.GetProperty("input")));

        Assert.Equal<DataItemTag>(Ans104Vectors.Tags(output.GetProperty("tx_tags")), item.Tags);
        Assert.Equal(TypedJson.ToBytes(output.GetProperty("tx_data")), item.Data.ToArray());
        Assert.Equal(output.GetProperty("unsigned_id").GetString(), item.ComputeUnsignedId());
        Assert.False(item.IsSigned);
    }

    [Theory]
    [MemberData(nameof(Codec))]
    public void Serialized_messages_decode_back_as_in_HyperBEAM(VectorCase v)
    {
        var output = v.Data.GetProperty("output");
        var expected = TypedJson.ToMessage(output.GetProperty("decoded_back"));
        AssertSame(expected, Ans104Codec.Deserialize(Ans104Vectors.Base64(output, "serialized_b64")));
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void Signed_items_decode_to_the_committed_message(VectorCase v)
    {
        var output = v.Data.GetProperty("output");
        var expected = TypedJson.ToMessage(output.GetProperty("signed_message"));
        AssertSame(expected, Ans104Codec.Deserialize(Ans104Vectors.Base64(output, "serialized_b64")));
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void Committed_messages_verify_and_have_the_recorded_ids(VectorCase v)
    {
        var output = v.Data.GetProperty("output");
        var signed = TypedJson.ToMessage(output.GetProperty("signed_message"));

        Assert.True(Ans104Vectors.AtomTrue(output, "verify"));
        Assert.True(Ans104Codec.Verify(signed));
        Assert.Equal(output.GetProperty("id_all").GetString(), MessageIds.All(signed));
        Assert.Equal(output.GetProperty("id_none").GetString(), MessageIds.Unsigned(signed));
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void Committed_messages_reencode_to_the_signed_item_byte_for_byte(VectorCase v)
    {
        var output = v.Data.GetProperty("output");
        var signed = TypedJson.ToMessage(output.GetProperty("signed_message"));
        var expected = Ans104Vectors.Base64(output, "serialized_b64");

        Assert.Equal(Convert.ToBase64String(expected), Convert.ToBase64String(Ans104Codec.Serialize(signed)));
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void Committed_messages_stop_verifying_when_a_key_changes(VectorCase v)
    {
        var signed = TypedJson.ToMessage(v.Data.GetProperty("output").GetProperty("signed_message"));

        Assert.False(Ans104Codec.Verify(signed.Set("added", "key")));
        Assert.False(Ans104Codec.Verify(signed.Set("s", "changed").Set("a", "changed")));
        Assert.False(Ans104Codec.Verify(signed.Remove("commitments")));
    }

    internal static void AssertSame(Message expected, Message actual)
    {
        if (!expected.Equals(actual)) Assert.Fail($"expected {expected}\n  actual {actual}");
    }
}
