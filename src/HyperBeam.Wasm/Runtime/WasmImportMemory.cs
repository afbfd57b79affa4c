using System.Buffers.Binary;
using Wasmtime;

namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// The linear memory of an instance that is blocked in one of its imports, for the device answering it (HyperBEAM's
/// <c>hb_beamr_io</c> on the instance in <c>priv</c>). The instance thread waits for the answer, so nothing else touches
/// the store meanwhile. Addresses outside the memory throw <see cref="WasmImportException"/>, which fails the call.
/// </summary>
internal sealed class WasmImportMemory(Memory memory)
{
    public bool Is64Bit => memory.Is64Bit;

    public long Length => memory.GetLength();

    public byte[] Read(long at, long length) => Span(at, length).ToArray();

    public void Write(long at, ReadOnlySpan<byte> bytes) => bytes.CopyTo(Span(at, bytes.Length));

    public long ReadPointer(long at) => Is64Bit
        ? BinaryPrimitives.ReadInt64LittleEndian(Span(at, 8))
        : BinaryPrimitives.ReadUInt32LittleEndian(Span(at, 4));

    /// <summary>A size or pointer as the module's address width (<c>size_t</c>).</summary>
    public void WriteSize(long at, long value)
    {
        if (Is64Bit) BinaryPrimitives.WriteInt64LittleEndian(Span(at, 8), value);
        else BinaryPrimitives.WriteUInt32LittleEndian(Span(at, 4), (uint)value);
    }

    public void WriteUInt32(long at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Span(at, 4), value);

    public void WriteUInt64(long at, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Span(at, 8), value);

    /// <summary>The NUL-terminated string at <paramref name="at"/>, at most <paramref name="max"/> bytes.</summary>
    public byte[] ReadCString(long at, int max)
    {
        var span = Span(at, Math.Min(max, Length - at));
        var end = span.IndexOf((byte)0);
        return end < 0 ? throw Outside($"no string end within {max} bytes at {at}") : span[..end].ToArray();
    }

    private Span<byte> Span(long at, long length)
    {
        if (at < 0 || length < 0 || length > int.MaxValue || at > Length - length)
            throw Outside($"{length} bytes at {at} are outside the memory of {Length} bytes");
        return memory.GetSpan(at, (int)length);
    }

    private static WasmImportException Outside(string why) =>
        new(new WasmFailure(400, WasmErrorCodes.ImportFailed, $"the module passed a bad address: {why}"));
}
