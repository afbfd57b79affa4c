using System.Buffers;
using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// A linear-memory image packed as <see cref="CompressedMemory.PagesEncoding"/>: its length (8 bytes), a bitmap of its
/// 4 KiB pages (bit set: the page holds a non-zero byte), then those pages, one after the other, as LZ4 blocks of at
/// most 1 MiB each (a 4-byte length before each). A Lua engine's 2 MiB memory holds ~150 KiB of non-zero pages; the
/// 1 MiB-chunk encoding ran LZ4 over all of it (~0.5 ms, most of it over zeros, on the compute thread every snapshot),
/// this one finds the zero pages with a vector scan (~45 µs) and compresses only the rest (~0.25 ms).
/// </summary>
internal static class CompressedPages
{
    public const int PageSize = 4096;
    internal const int BlockSize = 1 << 20;

    /// <summary>Blocks from this many on are packed and unpacked on every core.</summary>
    private const int ParallelFrom = 4;

    /// <summary>
    /// Packs the <paramref name="length"/> bytes at <paramref name="image"/> (whole pages), which must stay put and
    /// unchanged until this returns: a <see cref="CapturedPages"/> copy, packed at once.
    /// </summary>
    public static byte[] Pack(IntPtr image, int length) => CapturedPages.Take(image, length).Pack();

    /// <summary>The <paramref name="size"/>-byte image of <paramref name="packed"/>, or why it is not one.</summary>
    public static (byte[]? Image, string? Error) Unpack(ReadOnlyMemory<byte> packed, int size)
    {
        var source = packed.Span;
        if (size % PageSize != 0) return (null, $"its size is not whole {PageSize}-byte pages");
        if (source.Length < CompressedMemory.HeaderBytes) return (null, "it is corrupt: no image length");
        var stated = BinaryPrimitives.ReadInt64LittleEndian(source);
        if (stated > size) return (null, "it holds more memory than its size says");
        if (stated < size) return (null, "it is corrupt: it holds less memory than its size says");
        var pages = size / PageSize;
        var bitmapLength = (pages + 7) / 8;
        if (source.Length - CompressedMemory.HeaderBytes < bitmapLength) return (null, "it is corrupt: it ends early");
        var bitmap = source.Slice(CompressedMemory.HeaderBytes, bitmapLength);
        // Bits past the last page would name pages the image does not have.
        if (pages % 8 != 0 && bitmap[^1] >> (pages % 8) != 0) return (null, "it is corrupt: it marks pages beyond its size");
        var present = 0;
        foreach (var b in bitmap) present += System.Numerics.BitOperations.PopCount(b);
        var denseLength = present * PageSize;

        var blockCount = (denseLength + BlockSize - 1) / BlockSize;
        var blocks = new (int Offset, int Length)[blockCount];
        var at = CompressedMemory.HeaderBytes + bitmapLength;
        for (var i = 0; i < blockCount; i++)
        {
            if (source.Length - at < 4) return (null, "it is corrupt: it ends early");
            var length = BinaryPrimitives.ReadInt32LittleEndian(source[at..]);
            if (length <= 0 || length > source.Length - at - 4) return (null, "it is corrupt: a block runs past its end");
            blocks[i] = (at + 4, length);
            at += 4 + length;
        }
        if (at != source.Length) return (null, "it holds more memory than its size says");

        var dense = ArrayPool<byte>.Shared.Rent(Math.Max(1, denseLength));
        try
        {
            var failed = 0;
            For(blockCount, i =>
            {
                var target = dense.AsSpan(i * BlockSize, Math.Min(BlockSize, denseLength - i * BlockSize));
                var (offset, length) = blocks[i];
                if (LZ4Codec.Decode(packed.Span.Slice(offset, length), target) != target.Length) Interlocked.Exchange(ref failed, 1);
            });
            if (failed != 0) return (null, "it is corrupt: a block does not decode to its size");
            var image = new byte[size];
            var next = 0;
            for (var page = 0; page < pages; page++)
            {
                if ((bitmap[page >> 3] & (1 << (page & 7))) == 0) continue;
                dense.AsSpan(next, PageSize).CopyTo(image.AsSpan(page * PageSize));
                next += PageSize;
            }
            return (image, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(dense);
        }
    }

    internal static void For(int blocks, Action<int> body)
    {
        if (blocks < ParallelFrom) for (var i = 0; i < blocks; i++) body(i);
        else Parallel.For(0, blocks, body);
    }
}
