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
        var gathered = Settle();
        try
        {
            return PackBlocks(_length, _bitmap, gathered, _denseLength);
        }
        finally
        {
            foreach (var buffer in gathered) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The copy packed as <see cref="CompressedMemory.PagesDeltaEncoding"/>: the <see cref="CompressedMemory.PagesEncoding"/>
    /// form of this memory XOR <paramref name="base"/>, whose pages that differ are mostly zeros (a Lua engine's heap
    /// changes a few bytes of most pages: its collector marks every live object), so packing costs a fraction. Pages
    /// the same in both are left out. The buffers go back to the pool; once only, as <see cref="Pack"/>.
    /// </summary>
    public byte[] PackAgainst(BasePages @base)
    {
        ArgumentNullException.ThrowIfNull(@base);
        if (@base.Size > _length) throw new ArgumentException($"a base of {@base.Size} bytes is larger than this memory of {_length} bytes", nameof(@base));
        var gathered = Settle();
        var blocks = new List<byte[]>();
        try
        {
            var pages = (int)(_length / CompressedPages.PageSize);
            var bitmap = new byte[(pages + 7) / 8];
            var denseLength = 0;
            var copied = 0;
            for (var page = 0; page < pages; page++)
            {
                ReadOnlySpan<byte> mine = default;
                if ((_bitmap[page >> 3] & (1 << (page & 7))) != 0) mine = PageOf(gathered, copied++);
                var theirs = @base.Page(page);
                if (mine.IsEmpty && theirs.IsEmpty) continue;
                if (denseLength / CompressedPages.BlockSize == blocks.Count) blocks.Add(ArrayPool<byte>.Shared.Rent(CompressedPages.BlockSize));
                var difference = blocks[^1].AsSpan(denseLength % CompressedPages.BlockSize, CompressedPages.PageSize);
                BasePages.Xor(mine, theirs, difference);
                // The same page in both: nothing to keep (its room is used by the next page that differs).
                if (!difference.ContainsAnyExcept((byte)0)) continue;
                bitmap[page >> 3] |= (byte)(1 << (page & 7));
                denseLength += CompressedPages.PageSize;
            }
            return PackBlocks(_length, bitmap, blocks, denseLength);
        }
        finally
        {
            foreach (var buffer in gathered) ArrayPool<byte>.Shared.Return(buffer);
            foreach (var buffer in blocks) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private List<byte[]> Settle() =>
        Interlocked.Exchange(ref _blocks, null) ?? throw new InvalidOperationException("these pages were packed or released already");

    private static ReadOnlySpan<byte> PageOf(List<byte[]> blocks, int index)
    {
        var at = (long)index * CompressedPages.PageSize;
        return blocks[(int)(at / CompressedPages.BlockSize)].AsSpan((int)(at % CompressedPages.BlockSize), CompressedPages.PageSize);
    }

    /// <summary>The <see cref="CompressedMemory.PagesEncoding"/> form of <paramref name="denseLength"/> bytes of pages gathered in <paramref name="blocks"/>.</summary>
    private static byte[] PackBlocks(long length, byte[] bitmap, List<byte[]> blocks, int denseLength)
    {
        var packed = new (byte[]? Buffer, int Length)[(denseLength + CompressedPages.BlockSize - 1) / CompressedPages.BlockSize];
        try
        {
            CompressedPages.For(packed.Length, i =>
            {
                var block = blocks[i].AsSpan(0, Math.Min(CompressedPages.BlockSize, denseLength - i * CompressedPages.BlockSize));
                var buffer = ArrayPool<byte>.Shared.Rent(LZ4Codec.MaximumOutputSize(block.Length));
                packed[i] = (buffer, LZ4Codec.Encode(block, buffer, LZ4Level.L00_FAST));
            });
            return CompressedMemory.Assemble(length, bitmap, packed);
        }
        finally
        {
            foreach (var (buffer, _) in packed)
                if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
