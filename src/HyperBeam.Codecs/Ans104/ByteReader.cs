using System.Buffers.Binary;
using HyperBeam.Core.Codecs;

namespace HyperBeam.Codecs.Ans104;

/// <summary>
/// Bounds-checked reading over untrusted bytes: every read that would run past the end is a
/// <see cref="CodecException"/> naming what was being read, never an index error.
/// </summary>
internal struct ByteReader(ReadOnlyMemory<byte> bytes, string what)
{
    private readonly ReadOnlyMemory<byte> _bytes = bytes;
    private readonly string _what = what;

    public int Position { get; private set; }

    public readonly int Remaining => _bytes.Length - Position;

    public readonly bool AtEnd => Position == _bytes.Length;

    public ReadOnlyMemory<byte> Take(long count, string field)
    {
        if (count < 0 || count > Remaining)
            throw new CodecException($"{_what}: truncated {field} at offset {Position} (needs {count} bytes, {Remaining} left)");
        var slice = _bytes.Slice(Position, (int)count);
        Position += (int)count;
        return slice;
    }

    public ReadOnlyMemory<byte> Rest() => Take(Remaining, "rest");

    public byte Byte(string field) => Take(1, field).Span[0];

    public ushort UInt16LittleEndian(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field).Span);

    public ulong UInt64LittleEndian(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field).Span);

    /// <summary>An Avro long: a zig-zag varint of at most 10 bytes.</summary>
    public long AvroLong(string field)
    {
        ulong raw = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = Byte(field);
            // The tenth byte holds bit 63 only: anything more, or a continuation, does not fit 64 bits.
            if (shift == 63 && b > 1) throw new CodecException($"{_what}: {field} at offset {Position - 1} overflows 64 bits");
            raw |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
        }
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A 32-byte unsigned integer (bundle headers), which must fit in an <see cref="int"/>.</summary>
    public int UInt256(BundleFormat format, string field)
    {
        var span = Take(32, field).Span;
        var bigEndian = format == BundleFormat.HyperBeam;
        var high = bigEndian ? span[..28] : span[4..];
        var value = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span[28..]) : BinaryPrimitives.ReadUInt32LittleEndian(span);
        if (high.IndexOfAnyExcept((byte)0) >= 0 || value > int.MaxValue)
            throw new CodecException($"{_what}: {field} at offset {Position - 32} is larger than any bundle this codec reads");
        return (int)value;
    }
}
