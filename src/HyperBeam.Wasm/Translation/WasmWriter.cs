namespace HyperBeam.Wasm.Translation;

/// <summary>A growable byte buffer with the WebAssembly LEB128 encodings.</summary>
internal sealed class WasmWriter
{
    private byte[] _buffer;

    public WasmWriter(int capacity = 256) => _buffer = new byte[Math.Max(16, capacity)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public WasmWriter Byte(byte value)
    {
        Reserve(1);
        _buffer[Length++] = value;
        return this;
    }

    public WasmWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
        return this;
    }

    public WasmWriter U32(uint value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            Byte(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return this;
    }

    public WasmWriter Signed(long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            Byte(done ? b : (byte)(b | 0x80));
            if (done) return this;
        }
    }

    public byte[] ToArray() => Written.ToArray();

    private void Reserve(int more)
    {
        if (Length + more <= _buffer.Length) return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + more));
    }
}
