using System.Buffers;
using K4os.Compression.LZ4;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// A copy of a linear memory's non-zero 4 KiB pages (<see cref="CompressedPages"/>), taken at once and packed later:
/// the owner of the memory copies (a vector scan and ~150 KiB of copying for a Lua engine, ~50 µs) between two calls
/// and goes on, and <see cref="Pack"/> compresses the copy on another thread. The copy is the memory as it was when
/// taken: nothing that runs in the instance afterwards reaches it, and it holds no reference to the instance (a VM
/// disposed meanwhile is freed all the same). The pages sit in pooled 1 MiB buffers, given back by <see cref="Pack"/>,
/// or by <see cref="Release"/> when the copy is not wanted after all.
/// </summary>
public sealed class CapturedPages
{
    private readonly long _length;
    private readonly byte[] _bitmap;
    private readonly int _denseLength;
    private List<byte[]>? _blocks;

    private CapturedPages(long length, byte[] bitmap, List<byte[]> blocks, int denseLength)
    {
        _length = length;
        _bitmap = bitmap;
        _blocks = blocks;
        _denseLength = denseLength;
        HeldBytes = (long)blocks.Count * CompressedPages.BlockSize;
    }

    /// <summary>The size of the memory the pages were taken from.</summary>
    public long Size => _length;

    /// <summary>The pooled memory the copy holds until packed or released (whole blocks).</summary>
    public long HeldBytes { get; }

    /// <summary>
    /// Copies the non-zero pages of the <paramref name="length"/> bytes at <paramref name="image"/> (whole pages), which
    /// must stay put and unchanged until this returns.
    /// </summary>
    public static unsafe CapturedPages Take(IntPtr image, int length)
    {
        if (length % CompressedPages.PageSize != 0)
            throw new ArgumentException($"an image of {length} bytes is not whole {CompressedPages.PageSize}-byte pages", nameof(length));
        var memory = new ReadOnlySpan<byte>((byte*)image, length);
        var pages = length / CompressedPages.PageSize;
        var bitmap = new byte[(pages + 7) / 8];
        // Gathered into pooled blocks as they are found: only as many as the heap fills.
        var blocks = new List<byte[]>();
        var denseLength = 0;
        try
        {
            for (var page = 0; page < pages; page++)
            {
                var bytes = memory.Slice(page * CompressedPages.PageSize, CompressedPages.PageSize);
                if (!bytes.ContainsAnyExcept((byte)0)) continue;
                bitmap[page >> 3] |= (byte)(1 << (page & 7));
                if (denseLength % CompressedPages.BlockSize == 0) blocks.Add(ArrayPool<byte>.Shared.Rent(CompressedPages.BlockSize));
                bytes.CopyTo(blocks[^1].AsSpan(denseLength % CompressedPages.BlockSize));
                denseLength += CompressedPages.PageSize;
            }
        }
        catch
        {
            foreach (var block in blocks) ArrayPool<byte>.Shared.Return(block);
            throw;
        }
        return new CapturedPages(length, bitmap, blocks, denseLength);
    }

    /// <summary>Gives the buffers back without packing (a no-op once packed or released).</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _blocks, null) is not { } gathered) return;
        foreach (var buffer in gathered) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// The copy packed as <see cref="CompressedMemory.PagesEncoding"/> (the very bytes packing the memory in place
    /// gives); the buffers go back to the pool. Once only.
    /// </summary>
    public byte[] Pack()
    {
        var gathered = Interlocked.Exchange(ref _blocks, null) ?? throw new InvalidOperationException("these pages were packed or released already");
        var packed = new (byte[]? Buffer, int Length)[gathered.Count];
        try
        {
            CompressedPages.For(packed.Length, i =>
            {
                var block = gathered[i].AsSpan(0, Math.Min(CompressedPages.BlockSize, _denseLength - i * CompressedPages.BlockSize));
                var buffer = ArrayPool<byte>.Shared.Rent(LZ4Codec.MaximumOutputSize(block.Length));
                packed[i] = (buffer, LZ4Codec.Encode(block, buffer, LZ4Level.L00_FAST));
            });
            return CompressedMemory.Assemble(_length, _bitmap, packed);
        }
        finally
        {
            foreach (var buffer in gathered) ArrayPool<byte>.Shared.Return(buffer);
            foreach (var (buffer, _) in packed)
                if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
