using System.Collections.Immutable;
using HyperBeam.Core.Codecs;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// Tags as ANS-104 stores them: an Avro <c>array&lt;record{name: bytes, value: bytes}&gt;</c>. Writing uses the form
/// every known encoder (arbundles, HyperBEAM) produces: one block of all tags, zig-zag varint lengths, a 0 terminator;
/// no tags at all is zero bytes. Reading accepts any valid Avro blocks.
/// </summary>
public static class AvroTags
{
    public static byte[] Encode(IReadOnlyList<DataItemTag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0) return [];
        var size = VarintSize(tags.Count) + 1;
        foreach (var tag in tags) size += VarintSize(tag.Name.Length) + tag.Name.Length + VarintSize(tag.Value.Length) + tag.Value.Length;

        var output = new byte[size];
        var at = WriteLong(output, 0, tags.Count);
        foreach (var tag in tags)
        {
            at = WriteLong(output, at, tag.Name.Length);
            tag.Name.Span.CopyTo(output.AsSpan(at));
            at += tag.Name.Length;
            at = WriteLong(output, at, tag.Value.Length);
            tag.Value.Span.CopyTo(output.AsSpan(at));
            at += tag.Value.Length;
        }
        output[at] = 0;
        return output;
    }

    /// <summary>Decodes exactly <paramref name="expectedCount"/> tags that fill <paramref name="bytes"/> exactly.</summary>
    public static ImmutableArray<DataItemTag> Decode(ReadOnlyMemory<byte> bytes, long expectedCount)
    {
        if (expectedCount is < 0 or > DataItemLimits.MaxTags)
            throw new CodecException($"tags: {expectedCount} tags; a data item has at most {DataItemLimits.MaxTags}");
        if (bytes.IsEmpty)
        {
            return expectedCount == 0 ? [] : throw new CodecException($"tags: the header counts {expectedCount} tags but there are no tag bytes");
        }

        var reader = new ByteReader(bytes, "tags");
        var tags = ImmutableArray.CreateBuilder<DataItemTag>((int)expectedCount);
        while (true)
        {
            var count = reader.AvroLong("block count");
            if (count == 0) break;
            if (count < 0)
            {
                // A negative count is followed by the block's size in bytes (Avro's skippable blocks).
                count = count == long.MinValue ? long.MaxValue : -count;
                if (reader.AvroLong("block size") < 0) throw new CodecException("tags: negative block size");
            }
            if (count > expectedCount - tags.Count)
                throw new CodecException($"tags: more tags than the {expectedCount} the header counts");
            for (var i = 0; i < count; i++)
            {
                var name = reader.Take(reader.AvroLong("tag name length"), "tag name");
                var value = reader.Take(reader.AvroLong("tag value length"), "tag value");
                tags.Add(new DataItemTag(name, value));
            }
        }
        if (!reader.AtEnd) throw new CodecException($"tags: {reader.Remaining} bytes after the end of the tag array");
        if (tags.Count != expectedCount) throw new CodecException($"tags: the header counts {expectedCount} tags, the array holds {tags.Count}");
        return tags.MoveToImmutable();
    }

    private static int VarintSize(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var size = 1;
        while (zigzag >= 0x80) { zigzag >>= 7; size++; }
        return size;
    }

    private static int WriteLong(byte[] output, int at, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            output[at++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }
        output[at++] = (byte)zigzag;
        return at;
    }
}
