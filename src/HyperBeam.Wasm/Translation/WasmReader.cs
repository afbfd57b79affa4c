namespace HyperBeam.Wasm.Translation;

/// <summary>
/// A bounds-checked cursor over part of a WebAssembly binary: bytes and LEB128 integers. Running past the end or
/// reading an over-long integer throws <see cref="InvalidDataException"/> naming the offset, never reads out of range.
/// </summary>
internal sealed class WasmReader(byte[] bytes, int start, int end)
{
    public byte[] Bytes { get; } = bytes;

    public int Position { get; set; } = start;

    public int End { get; } = end;

    public bool AtEnd => Position >= End;

    public byte Byte()
    {
        if (Position >= End) throw Malformed("unexpected end");
        return Bytes[Position++];
    }

    public void Skip(int count)
    {
        if (count < 0 || count > End - Position) throw Malformed("unexpected end");
        Position += count;
    }

    public uint U32()
    {
        var value = Unsigned(5);
        if (value > uint.MaxValue) throw Malformed("integer too large");
        return (uint)value;
    }

    public ulong U64() => Unsigned(10);

    /// <summary>A signed LEB128 of up to 64 bits (s33 block types and heap types, s32/s64 constants).</summary>
    public long Signed()
    {
        long result = 0;
        var shift = 0;
        byte b;
        do
        {
            if (shift >= 70) throw Malformed("integer too long");
            b = Byte();
            if (shift < 64) result |= (long)(b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    /// <summary>A count that bounds a loop; each element takes at least one byte, so a larger one is malformed.</summary>
    public int Count()
    {
        var count = U32();
        if (count > End - Position) throw Malformed($"count {count} exceeds the remaining bytes");
        return (int)count;
    }

    public ReadOnlySpan<byte> Span(int from, int to) => Bytes.AsSpan(from, to - from);

    public InvalidDataException Malformed(string what) => new($"malformed WebAssembly at offset {Position}: {what}");

    private ulong Unsigned(int maxBytes)
    {
        ulong result = 0;
        var shift = 0;
        byte b;
        do
        {
            if (shift >= maxBytes * 7) throw Malformed("integer too long");
            b = Byte();
            result |= (ulong)(b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return result;
    }
}
