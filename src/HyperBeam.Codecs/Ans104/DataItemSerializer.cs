using System.Buffers.Binary;
using HyperBeam.Core.Codecs;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// The ANS-104 binary layout: signature type (u16 LE), signature, owner, target and anchor each behind a presence
/// byte (0 or 1), tag count (u64 LE), tag bytes length (u64 LE), the Avro tags, then the data to the end.
/// </summary>
internal static class DataItemSerializer
{
    public static byte[] Serialize(DataItem item)
    {
        item.Validate();
        var tags = AvroTags.Encode(item.Tags);
        var size = 2 + item.Signature.Length + item.Owner.Length + 1 + item.Target.Length + 1 + item.Anchor.Length + 16 + tags.Length + item.Data.Length;
        var output = new byte[size];
        var span = output.AsSpan();

        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)item.SignatureType);
        var at = 2;
        at = Put(span, at, item.Signature.Span);
        at = Put(span, at, item.Owner.Span);
        at = PutOptional(span, at, item.Target.Span);
        at = PutOptional(span, at, item.Anchor.Span);
        BinaryPrimitives.WriteUInt64LittleEndian(span[at..], (ulong)item.Tags.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(span[(at + 8)..], (ulong)tags.Length);
        at += 16;
        at = Put(span, at, tags);
        Put(span, at, item.Data.Span);
        return output;
    }

    public static DataItem Deserialize(ReadOnlyMemory<byte> bytes)
    {
        var reader = new ByteReader(bytes, "ans104 data item");
        var type = reader.UInt16LittleEndian("signature type");
        if (type != (ushort)SignatureType.Arweave)
            throw new CodecException($"ans104 data item: unsupported signature type {type} (only 1, Arweave RSA-4096, is supported)");

        var signature = reader.Take(DataItemLimits.SignatureBytes, "signature");
        var owner = reader.Take(DataItemLimits.OwnerBytes, "owner");
        var target = Optional(ref reader, "target");
        var anchor = Optional(ref reader, "anchor");
        var tagCount = reader.UInt64LittleEndian("tag count");
        var tagBytesLength = reader.UInt64LittleEndian("tag bytes length");
        if (tagCount > DataItemLimits.MaxTags)
            throw new CodecException($"ans104 data item: the header counts {tagCount} tags; at most {DataItemLimits.MaxTags} are allowed");
        if (tagBytesLength > (ulong)reader.Remaining)
            throw new CodecException($"ans104 data item: the tags claim {tagBytesLength} bytes but only {reader.Remaining} remain");

        var tagBytes = reader.Take((long)tagBytesLength, "tags");
        var tags = AvroTags.Decode(tagBytes, (long)tagCount);
        // Only the canonical encoding is read, so that serializing an item read here gives back the same bytes
        // (the signature covers the re-encoded tags, as in HyperBEAM).
        if (!AvroTags.Encode(tags).AsSpan().SequenceEqual(tagBytes.Span))
            throw new CodecException("ans104 data item: the tags are valid Avro but not in the canonical single-block form");

        var item = new DataItem
        {
            Signature = signature,
            Owner = owner,
            Target = target,
            Anchor = anchor,
            Tags = tags,
            Data = reader.Rest(),
        };
        item.Validate();
        return item;
    }

    private static ReadOnlyMemory<byte> Optional(ref ByteReader reader, string field)
    {
        return reader.Byte($"{field} presence byte") switch
        {
            0 => ReadOnlyMemory<byte>.Empty,
            1 => reader.Take(32, field),
            var other => throw new CodecException($"ans104 data item: the {field} presence byte is {other}; it must be 0 or 1"),
        };
    }

    private static int Put(Span<byte> output, int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output[at..]);
        return at + bytes.Length;
    }

    private static int PutOptional(Span<byte> output, int at, ReadOnlySpan<byte> bytes)
    {
        output[at] = bytes.IsEmpty ? (byte)0 : (byte)1;
        return Put(output, at + 1, bytes);
    }
}
