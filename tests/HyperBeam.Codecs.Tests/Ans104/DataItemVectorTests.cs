using System.Text.Json;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>
/// ar_bundles and ar_deep_hash against HyperBEAM's outputs (tests/vectors/ans104.json): unsigned items byte for byte,
/// tag encoding, signature data, unsigned IDs, deep hashes; signed items by verifying them.
/// </summary>
public class DataItemVectorTests
{
    public static IEnumerable<object[]> Unsigned => VectorFile.Rows(Ans104Vectors.File, "unsigned_items");
    public static IEnumerable<object[]> Signed => VectorFile.Rows(Ans104Vectors.File, "signed_items");
    public static IEnumerable<object[]> DeepHashes => VectorFile.Rows(Ans104Vectors.File, "deep_hash");

    [Theory]
    [MemberData(nameof(Unsigned))]
    public void Unsigned_items_serialize_byte_for_byte(VectorCase v)
    {
        var expected = Ans104Vectors.Base64(v.Data.GetProperty("output"), "serialize_unsigned_b64");
        Assert.Equal(Convert.ToBase64String(expected), Convert.ToBase64String(Ans104Vectors.Item(v.Data).Serialize()));
    }

    [Theory]
    [MemberData(nameof(Unsigned))]
    public void Unsigned_items_deserialize_to_the_same_fields(VectorCase v)
    {
        var output = v.Data.GetProperty("output");
        var item = DataItem.Deserialize(Ans104Vectors.Base64(output, "serialize_unsigned_b64"));

        Assert.Equal(Ans104Vectors.Item(v.Data), item);
        Assert.Equal(Ans104Vectors.Tags(output.GetProperty("deserialize_roundtrip_tags")), item.Tags);
        Assert.False(item.IsSigned);
    }

    [Theory]
    [MemberData(nameof(Unsigned))]
    public void Tags_encode_as_HyperBEAM_does(VectorCase v)
    {
        var expected = Ans104Vectors.Base64(v.Data.GetProperty("output"), "encode_tags_b64");
        Assert.Equal(expected, AvroTags.Encode(Ans104Vectors.Tags(v.Data.GetProperty("tags"))));
    }

    [Theory]
    [MemberData(nameof(Unsigned))]
    public void Signature_data_with_the_zero_owner_matches(VectorCase v)
    {
        var expected = Ans104Vectors.Base64(v.Data.GetProperty("output"), "signature_data_signed_mode_default_owner_b64");
        Assert.Equal(expected, Ans104Vectors.Item(v.Data).SignatureData());
    }

    [Theory]
    [MemberData(nameof(Unsigned))]
    public void Signature_data_with_key_1_as_owner_matches(VectorCase v)
    {
        var expected = Ans104Vectors.Base64(v.Data.GetProperty("output").GetProperty("with_owner_key1"), "signature_data_b64");
        var item = Ans104Vectors.Item(v.Data) with { Owner = Ans104Vectors.Key1Modulus };
        Assert.Equal(expected, item.SignatureData());
    }

    [Theory]
    [MemberData(nameof(Unsigned))]
    public void Unsigned_id_is_sha256_of_the_zero_owner_signature_data(VectorCase v)
    {
        var output = v.Data.GetProperty("output");
        Assert.True(Ans104Vectors.AtomTrue(output, "unsigned_id_equals_sha256_of_sigdata"));
        Assert.Equal(output.GetProperty("unsigned_id").GetString(), Ans104Vectors.Item(v.Data).ComputeUnsignedId());
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void Signed_items_verify_and_have_the_recorded_id(VectorCase v)
    {
        var output = v.Data.GetProperty("output");
        var item = DataItem.Deserialize(Ans104Vectors.Base64(output, "serialized_signed_b64"));

        Assert.True(Ans104Vectors.AtomTrue(output, "verify_item"));
        Assert.True(item.Verify());
        Assert.True(item.IsSigned);
        Assert.Equal(output.GetProperty("signed_id").GetString(), item.Id);
        Assert.Equal(Ans104Vectors.Key1Modulus, item.Owner.ToArray());
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void Signed_items_carry_the_vector_fields_and_reserialize_byte_for_byte(VectorCase v)
    {
        var bytes = Ans104Vectors.Base64(v.Data.GetProperty("output"), "serialized_signed_b64");
        var item = DataItem.Deserialize(bytes);
        var expected = Ans104Vectors.Item(v.Data);

        Assert.Equal(expected.Data.ToArray(), item.Data.ToArray());
        Assert.Equal<DataItemTag>(expected.Tags, item.Tags);
        Assert.Equal(expected.Target.ToArray(), item.Target.ToArray());
        Assert.Equal(expected.Anchor.ToArray(), item.Anchor.ToArray());
        Assert.Equal(bytes, item.Serialize());
    }

    [Theory]
    [MemberData(nameof(Signed))]
    public void Signed_items_stop_verifying_when_any_part_changes(VectorCase v)
    {
        var item = DataItem.Deserialize(Ans104Vectors.Base64(v.Data.GetProperty("output"), "serialized_signed_b64"));

        Assert.False((item with { Data = "tampered"u8.ToArray() }).Verify());
        Assert.False((item with { Tags = [.. item.Tags, DataItemTag.Of("extra", "tag")] }).Verify());
        Assert.False((item with { Anchor = new byte[32] }).Verify());
        var signature = item.Signature.ToArray();
        signature[7] ^= 0x40;
        Assert.False((item with { Signature = signature }).Verify());
    }

    [Theory]
    [MemberData(nameof(DeepHashes))]
    public void Deep_hash_matches_ar_deep_hash(VectorCase v)
    {
        var expected = Convert.FromBase64String(v.Data.GetProperty("deep_hash_b64").GetString()!);
        Assert.Equal(expected, DeepHash.Hash(ToDeepHashItem(v.Data.GetProperty("input"))));
    }

    private static DeepHashItem ToDeepHashItem(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? new DeepHashItem.List(e.EnumerateArray().Select(ToDeepHashItem).ToList())
        : new DeepHashItem.Blob(TypedJson.ToBytes(e));
}
