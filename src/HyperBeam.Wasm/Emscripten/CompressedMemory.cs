using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using HyperBeam.Core.Messages;
using K4os.Compression.LZ4;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// A linear-memory image as a snapshot message carries it, beside its exact size, so a restore decodes into one array
/// and refuses any image that is not exactly that size, not whole pages, or beyond the restoring device's memory limit.
/// <para>
/// Encoding <see cref="Encoding"/>: the image's length (8 bytes), then each 1 MiB chunk as a 4-byte length and an LZ4
/// block, length 0 for a chunk of zeros. Snapshots are taken on the compute path: zlib at its fastest level spent
/// ~55 ms on a 10 MB Lua heap and ~30 ms restoring it, LZ4 a half and a quarter of that; independent chunks let both
/// directions use every core and skip the untouched (zero) part of a memory outright. The older <c>zlib</c> encoding
/// is still read. <see cref="PagesEncoding"/> packs only the non-zero 4 KiB pages (Lua engines' snapshots).
/// </para>
/// </summary>
public static class CompressedMemory
{
    public const string Encoding = "lz4-chunks";

    /// <summary>
    /// Only the non-zero 4 KiB pages, LZ4-packed (<see cref="CompressedPages"/>): what a Lua engine's snapshots use, a
    /// small heap in a larger memory being packed on the compute path every few slots.
    /// </summary>
    public const string PagesEncoding = "lz4-pages";

    /// <summary>What snapshots were before <see cref="Encoding"/>, and what a snapshot naming no encoding is.</summary>
    public const string LegacyEncoding = "zlib";

    private const int PageSize = 65536;
    private const int ChunkSize = 1 << 20;
    internal const int HeaderBytes = 8;

    /// <summary>Images smaller than this are packed on the calling thread: handing chunks out costs more than it saves.</summary>
    private const int ParallelFrom = 4 * ChunkSize;

    public static unsafe byte[] Compress(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        fixed (byte* start = image) return Compress((IntPtr)start, image.Length);
    }

    /// <summary>As <see cref="Compress(byte[])"/>, straight from a live memory: no copy of the image first.</summary>
    public static unsafe byte[] Compress(ReadOnlySpan<byte> image)
    {
        fixed (byte* start = image) return Compress((IntPtr)start, image.Length);
    }

    /// <summary>
    /// Packs the <paramref name="length"/> bytes at <paramref name="image"/> (a linear memory, read in place), which
    /// must stay put and unchanged until this returns.
    /// </summary>
    public static unsafe byte[] Compress(IntPtr image, int length)
    {
        var chunks = ChunkCount(length);
        var packed = new (byte[]? Buffer, int Length)[chunks];
        try
        {
            For(chunks, length, i =>
            {
                var chunk = new ReadOnlySpan<byte>((byte*)image + (long)i * ChunkSize, Math.Min(ChunkSize, length - i * ChunkSize));
                if (!chunk.ContainsAnyExcept((byte)0)) return;
                var buffer = ArrayPool<byte>.Shared.Rent(LZ4Codec.MaximumOutputSize(chunk.Length));
                packed[i] = (buffer, LZ4Codec.Encode(chunk, buffer, LZ4Level.L00_FAST));
            });
            return Assemble(length, [], packed);
        }
        finally
        {
            foreach (var (buffer, _) in packed)
                if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>As <see cref="Compress(IntPtr, int)"/>, as <see cref="PagesEncoding"/>: zero pages cost a scan, not a compression.</summary>
    public static byte[] CompressPages(IntPtr image, int length) => CompressedPages.Pack(image, length);

    /// <summary>
    /// The packed form both LZ4 encodings share: the image's length (8 bytes), <paramref name="map"/> (what the encoding
    /// keeps before its blocks), then each block as a 4-byte length and its bytes (length 0 for none).
    /// </summary>
    internal static byte[] Assemble(long length, ReadOnlySpan<byte> map, IReadOnlyList<(byte[]? Buffer, int Length)> blocks)
    {
        var result = GC.AllocateUninitializedArray<byte>(HeaderBytes + map.Length + blocks.Sum(b => 4 + b.Length));
        BinaryPrimitives.WriteInt64LittleEndian(result, length);
        map.CopyTo(result.AsSpan(HeaderBytes));
        var at = HeaderBytes + map.Length;
        foreach (var (buffer, blockLength) in blocks)
        {
            BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(at), blockLength);
            buffer.AsSpan(0, blockLength).CopyTo(result.AsSpan(at + 4));
            at += 4 + blockLength;
        }
        return result;
    }

    /// <summary>
    /// The image of <paramref name="compressed"/> (a snapshot's memory, in <paramref name="encoding"/>) of
    /// <paramref name="size"/> bytes, or why it cannot be restored.
    /// </summary>
    public static (byte[]? Image, string? Error) Decompress(AoValue? encoding, AoValue? compressed, AoValue? size, long maxBytes)
    {
        if (compressed is not AoBinary packed) return (null, "it has no memory image");
        if (size is not AoInteger { Value: > 0 } bytes || bytes.Value % PageSize != 0) return (null, "it has no valid memory size");
        if (bytes.Value > maxBytes) return (null, $"its memory of {bytes.Value} bytes is beyond this device's limit of {maxBytes} bytes");
        if (bytes.Value > Array.MaxLength) return (null, $"its memory of {bytes.Value} bytes is beyond what one image can hold");
        return encoding switch
        {
            null => Inflate(packed.Memory, (int)bytes.Value),
            AoBinary { Text: LegacyEncoding } => Inflate(packed.Memory, (int)bytes.Value),
            AoBinary { Text: Encoding } => Unpack(packed.Memory, (int)bytes.Value),
            AoBinary { Text: PagesEncoding } => CompressedPages.Unpack(packed.Memory, (int)bytes.Value),
            _ => (null, $"its memory is in an encoding this node does not read ({encoding})"),
        };
    }

    private static (byte[]? Image, string? Error) Unpack(ReadOnlyMemory<byte> packed, int size)
    {
        var source = packed.Span;
        if (source.Length < HeaderBytes) return (null, "it is corrupt: no image length");
        var stated = BinaryPrimitives.ReadInt64LittleEndian(source);
        if (stated > size) return (null, "it holds more memory than its size says");
        if (stated < size) return (null, "it is corrupt: it holds less memory than its size says");
        // Where each chunk's block starts, read ahead so the chunks can be decoded independently.
        var chunks = ChunkCount(size);
        var blocks = new (int Offset, int Length)[chunks];
        var at = HeaderBytes;
        for (var i = 0; i < chunks; i++)
        {
            if (source.Length - at < 4) return (null, "it is corrupt: it ends early");
            var length = BinaryPrimitives.ReadInt32LittleEndian(source[at..]);
            if (length < 0 || length > source.Length - at - 4) return (null, "it is corrupt: a chunk runs past its end");
            blocks[i] = (at + 4, length);
            at += 4 + length;
        }
        if (at != source.Length) return (null, "it holds more memory than its size says");

        var image = GC.AllocateUninitializedArray<byte>(size);
        var failed = 0;
        For(chunks, size, i =>
        {
            var target = image.AsSpan(i * ChunkSize, Math.Min(ChunkSize, size - i * ChunkSize));
            var (offset, length) = blocks[i];
            if (length == 0) target.Clear();
            else if (LZ4Codec.Decode(packed.Span.Slice(offset, length), target) != target.Length) Interlocked.Exchange(ref failed, 1);
        });
        return failed == 0 ? (image, null) : (null, "it is corrupt: a chunk does not decode to its size");
    }

    private static (byte[]? Image, string? Error) Inflate(ReadOnlyMemory<byte> packed, int size)
    {
        try
        {
            // Read in place: a copy of the compressed bytes would cost a restore as much as a small snapshot.
            var source = MemoryMarshal.TryGetArray(packed, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(packed.ToArray());
            using var zlib = new ZLibStream(source, CompressionMode.Decompress);
            var image = new byte[size];
            zlib.ReadExactly(image);
            // Nothing may follow the image: a snapshot says exactly how large the memory was.
            return zlib.ReadByte() < 0 ? (image, null) : (null, "it holds more memory than its size says");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return (null, $"it is corrupt: {e.Message}");
        }
    }

    private static int ChunkCount(int size) => (size + ChunkSize - 1) / ChunkSize;

    private static void For(int chunks, int size, Action<int> body)
    {
        if (size < ParallelFrom) for (var i = 0; i < chunks; i++) body(i);
        else Parallel.For(0, chunks, body);
    }
}
