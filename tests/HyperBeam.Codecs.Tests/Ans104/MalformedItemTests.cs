using System.Buffers.Binary;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Codecs;

namespace HyperBeam.Codecs.Tests.Ans104;

/// <summary>Malformed bytes are a <see cref="CodecException"/> that says what is wrong, never another exception.</summary>
public class MalformedItemTests
{
    private const int TagCountOffset = 2 + 512 + 512 + 33 + 33;

    private static readonly byte[] Valid = SampleItems.Full().Serialize();

    [Fact]
    public void Truncating_anywhere_before_the_data_is_an_error()
    {
        var dataOffset = SampleItems.DataOffset(SampleItems.Full());
        for (var length = 0; length < dataOffset; length++)
        {
            var at = length;
            var e = Record.Exception(() => DataItem.Deserialize(Valid.AsMemory(0, at)));
            Assert.True(e is CodecException, $"truncated to {at} bytes: {e?.GetType().Name ?? "no exception"}");
        }
    }

    [Fact]
    public void Truncating_inside_the_data_leaves_a_shorter_item_whose_fields_still_parse()
    {
        var dataOffset = SampleItems.DataOffset(SampleItems.Full());
        for (var length = dataOffset; length <= Valid.Length; length++)
        {
            var item = DataItem.Deserialize(Valid.AsMemory(0, length));
            Assert.Equal(length - dataOffset, item.Data.Length);
            Assert.Equal(3, item.Tags.Length);
        }
    }

    [Theory]
    [InlineData((ushort)0)]
    [InlineData((ushort)2)]
    [InlineData((ushort)3)]
    [InlineData((ushort)0xFFFF)]
    public void Signature_types_other_than_1_are_rejected(ushort type)
    {
        var bytes = (byte[])Valid.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, type);
        Assert.Contains($"unsupported signature type {type}", Assert.Throws<CodecException>(() => DataItem.Deserialize(bytes)).Message);
    }

    [Theory]
    [InlineData(1026, "target")]
    [InlineData(1059, "anchor")]
    public void Presence_bytes_other_than_0_or_1_are_rejected(int offset, string field)
    {
        var bytes = (byte[])Valid.Clone();
        bytes[offset] = 2;
        Assert.Contains($"{field} presence byte is 2", Assert.Throws<CodecException>(() => DataItem.Deserialize(bytes)).Message);
    }

    [Theory]
    [InlineData(129UL)]
    [InlineData(ulong.MaxValue)]
    public void Oversized_tag_counts_are_rejected(ulong count)
    {
        var bytes = (byte[])Valid.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(TagCountOffset), count);
        Assert.Contains("at most 128", Assert.Throws<CodecException>(() => DataItem.Deserialize(bytes)).Message);
    }

    [Theory]
    [InlineData(100_000UL)]
    [InlineData(ulong.MaxValue)]
    public void Tag_sizes_beyond_the_item_are_rejected(ulong size)
    {
        var bytes = (byte[])Valid.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(TagCountOffset + 8), size);
        Assert.Contains("only", Assert.Throws<CodecException>(() => DataItem.Deserialize(bytes)).Message);
    }

    [Fact]
    public void A_tag_count_that_disagrees_with_the_array_is_rejected()
    {
        var bytes = (byte[])Valid.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(TagCountOffset), 2);
        Assert.Contains("more tags than", Assert.Throws<CodecException>(() => DataItem.Deserialize(bytes)).Message);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(TagCountOffset), 4);
        Assert.Contains("holds 3", Assert.Throws<CodecException>(() => DataItem.Deserialize(bytes)).Message);
    }

    public static IEnumerable<object[]> BadAvro =>
    [
        [new byte[] { 0x02 }, "truncated"],                                      // count 1, then nothing
        [new byte[] { 0x02, 0x7F }, "truncated"],                                // name length -64
        [new byte[] { 0x02, 0x20, 0x61 }, "truncated"],                          // name of 16 bytes, 1 present
        [Enumerable.Repeat((byte)0xFF, 11).ToArray(), "overflows"],              // runaway varint
        [new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F }, "overflows"],
        [new byte[] { 0x02, 0x02, 0x61, 0x02, 0x62, 0x00, 0x00 }, "after the end"], // trailing byte
        [new byte[] { 0x02, 0x02, 0x61, 0x02, 0x62 }, "truncated"],              // no terminating block
        [new byte[] { 0x01, 0x0A, 0x02, 0x61, 0x02, 0x62, 0x00 }, "canonical"],   // count -1 with a block size
        [new byte[] { 0x02, 0x02, 0x61, 0x00, 0x02, 0x02, 0x62, 0x00, 0x00 }, "more tags"], // two blocks of one for a count of one
        [new byte[] { 0x82, 0x00, 0x02, 0x61, 0x02, 0x62, 0x00 }, "canonical"],   // count 1 as a two-byte varint
    ];

    [Theory]
    [MemberData(nameof(BadAvro))]
    public void Bad_or_non_canonical_Avro_is_rejected(byte[] avro, string problem)
    {
        var bytes = ItemWithRawTags(1, avro);
        Assert.Contains(problem, Assert.Throws<CodecException>(() => DataItem.Deserialize(bytes)).Message);
    }

    [Fact]
    public void Tags_declared_with_no_bytes_are_rejected() =>
        Assert.Contains("no tag bytes", Assert.Throws<CodecException>(() => DataItem.Deserialize(ItemWithRawTags(1, []))).Message);

    [Fact]
    public void An_empty_tag_array_written_as_one_zero_byte_is_not_canonical() =>
        Assert.Contains("canonical", Assert.Throws<CodecException>(() => DataItem.Deserialize(ItemWithRawTags(0, [0x00]))).Message);

    [Fact]
    public void Empty_input_is_an_error() => Assert.Throws<CodecException>(() => DataItem.Deserialize(ReadOnlyMemory<byte>.Empty));

    /// <summary>An item without target or anchor whose tag section is the given raw bytes.</summary>
    private static byte[] ItemWithRawTags(ulong count, byte[] avro)
    {
        var header = new byte[2 + 512 + 512 + 2 + 16];
        header[0] = 1;
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(1028), count);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(1036), (ulong)avro.Length);
        return [.. header, .. avro, .. "data"u8];
    }
}
