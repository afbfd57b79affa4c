using System.Buffers.Binary;
using HyperBeam.Core.Codecs;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// ANS-104 bundles: the item count (32 bytes), one 64-byte header per item (size in 32 bytes, then the 32-byte ID),
/// then the items back to back.
/// </summary>
public static class Bundle
{
    private const int NumberBytes = 32;
    private const int HeaderBytes = 64;

    /// <summary>An ANS-104 bundle of the items, each listed under its ID (SHA-256 of its signature).</summary>
    public static byte[] Serialize(IReadOnlyList<DataItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Serialize(items.Select(i => new BundleEntry(i.NativeId, i)).ToList(), BundleFormat.Ans104);
    }

    /// <summary>A bundle with the given header IDs, in the given format.</summary>
    public static byte[] Serialize(IReadOnlyList<BundleEntry> entries, BundleFormat format)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var serialized = new byte[entries.Count][];
        long size = NumberBytes + (long)HeaderBytes * entries.Count;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Id.Length != 32) throw new CodecException($"bundle entry {i + 1}: the ID is {entries[i].Id.Length} bytes, not 32");
            serialized[i] = entries[i].Item.Serialize();
            size += serialized[i].Length;
        }
        if (size > Array.MaxLength) throw new CodecException($"bundle: {size} bytes is larger than one array can hold");

        var output = new byte[size];
        WriteNumber(output.AsSpan(0, NumberBytes), entries.Count, format);
        var header = NumberBytes;
        var body = NumberBytes + HeaderBytes * entries.Count;
        for (var i = 0; i < entries.Count; i++)
        {
            WriteNumber(output.AsSpan(header, NumberBytes), serialized[i].Length, format);
            entries[i].Id.Span.CopyTo(output.AsSpan(header + NumberBytes));
            serialized[i].CopyTo(output, body);
            header += HeaderBytes;
            body += serialized[i].Length;
        }
        return output;
    }

    /// <summary>
    /// Reads a bundle. The header must describe the bytes exactly (no gaps, nothing left over) and every item must
    /// parse; header IDs are returned as written, not checked against the items.
    /// </summary>
    public static IReadOnlyList<BundleEntry> Deserialize(ReadOnlyMemory<byte> bytes, BundleFormat format = BundleFormat.Ans104)
    {
        var reader = new ByteReader(bytes, "bundle");
        var count = reader.UInt256(format, "item count");
        if (count > reader.Remaining / HeaderBytes)
            throw new CodecException($"bundle: the header counts {count} items but there is room for at most {reader.Remaining / HeaderBytes} headers");

        var headers = new (int Size, ReadOnlyMemory<byte> Id)[count];
        for (var i = 0; i < count; i++)
            headers[i] = (reader.UInt256(format, $"size of item {i + 1}"), reader.Take(32, $"ID of item {i + 1}"));

        var entries = new BundleEntry[count];
        for (var i = 0; i < count; i++)
        {
            if (headers[i].Size > reader.Remaining)
                throw new CodecException($"bundle: item {i + 1} claims {headers[i].Size} bytes but only {reader.Remaining} remain");
            var itemBytes = reader.Take(headers[i].Size, $"item {i + 1}");
            DataItem item;
            try
            {
                item = DataItem.Deserialize(itemBytes);
            }
            catch (CodecException e)
            {
                throw new CodecException($"bundle: item {i + 1}: {e.Message}", e);
            }
            entries[i] = new BundleEntry(headers[i].Id, item);
        }
        if (!reader.AtEnd) throw new CodecException($"bundle: {reader.Remaining} bytes after the last item");
        return entries;
    }

    private static void WriteNumber(Span<byte> destination, int value, BundleFormat format)
    {
        destination.Clear();
        if (format == BundleFormat.HyperBeam) BinaryPrimitives.WriteInt32BigEndian(destination[^4..], value);
        else BinaryPrimitives.WriteInt32LittleEndian(destination, value);
    }
}
