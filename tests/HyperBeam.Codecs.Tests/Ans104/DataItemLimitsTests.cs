using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Codecs;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>ANS-104's limits are enforced on building, serializing, signing data and reading.</summary>
public class DataItemLimitsTests
{
    [Fact]
    public void At_most_128_tags()
    {
        var tags = Enumerable.Range(0, 128).Select(i => DataItemTag.Of($"t{i}", "v")).ToList();
        var item = DataItem.Create(default, tags);
        Assert.Equal(item, DataItem.Deserialize(item.Serialize()));

        var e = Assert.Throws<CodecException>(() => DataItem.Create(default, [.. tags, DataItemTag.Of("one", "more")]));
        Assert.Contains("129 tags; at most 128", e.Message);
        Assert.Throws<CodecException>(() => (item with { Tags = [.. tags, DataItemTag.Of("one", "more")] }).Serialize());
    }

    [Fact]
    public void Tag_names_up_to_1024_bytes_and_values_up_to_3072()
    {
        var edge = DataItem.Create(default, [DataItemTag.Of(new string('n', 1024), new string('v', 3072))]);
        Assert.Equal(edge, DataItem.Deserialize(edge.Serialize()));

        Assert.Contains("at most 1024", Assert.Throws<CodecException>(() => DataItem.Create(default, [DataItemTag.Of(new string('n', 1025), "v")])).Message);
        Assert.Contains("at most 3072", Assert.Throws<CodecException>(() => DataItem.Create(default, [DataItemTag.Of("n", new string('v', 3073))])).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(33)]
    public void Target_and_anchor_are_absent_or_32_bytes(int length)
    {
        Assert.Contains("target", Assert.Throws<CodecException>(() => DataItem.Create(default, target: new byte[length])).Message);
        Assert.Contains("anchor", Assert.Throws<CodecException>(() => DataItem.Create(default, anchor: new byte[length])).Message);
    }

    [Fact]
    public void Signature_and_owner_are_512_bytes()
    {
        var item = DataItem.Create(default);
        Assert.Contains("signature", Assert.Throws<CodecException>(() => (item with { Signature = new byte[511] }).Serialize()).Message);
        Assert.Contains("owner", Assert.Throws<CodecException>(() => (item with { Owner = new byte[513] }).SignatureData()).Message);
        Assert.False((item with { Owner = new byte[10] }).Verify());
    }

    [Fact]
    public void Only_signature_type_1_is_supported()
    {
        var item = DataItem.Create(default) with { SignatureType = (SignatureType)2 };
        Assert.Contains("unsupported signature type 2", Assert.Throws<CodecException>(() => item.Serialize()).Message);
    }

    [Fact]
    public void Reading_enforces_the_tag_value_limit()
    {
        // Bytes no writer here would produce: a one-tag item whose value is 3073 bytes, which ANS-104 forbids.
        var bytes = DataItem.Create(default, [DataItemTag.Of("n", "v")]).Serialize();
        var patched = PatchValueLength(bytes, 3073);
        Assert.Contains("at most 3072", Assert.Throws<CodecException>(() => DataItem.Deserialize(patched)).Message);
    }

    /// <summary>Rewrites a one-tag item so its value is one byte longer (adjusting the Avro length and tag size).</summary>
    private static byte[] PatchValueLength(byte[] item, int newLength)
    {
        var parsed = DataItem.Deserialize(item);
        var name = parsed.Tags[0].Name.ToArray();
        var avro = AvroTags.Encode([new DataItemTag(name, new byte[newLength])]);
        var header = item[..(2 + 512 + 512 + 1 + 1)];
        var counts = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(counts.AsSpan(0, 8), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(counts.AsSpan(8, 8), (ulong)avro.Length);
        return [.. header, .. counts, .. avro];
    }
}
