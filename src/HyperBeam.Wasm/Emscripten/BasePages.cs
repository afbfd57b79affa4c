using System.Buffers.Binary;
using System.IO.Hashing;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// A linear memory's non-zero 4 KiB pages kept as the base that <see cref="CompressedMemory.PagesDeltaEncoding"/>
/// snapshots are taken against (<see cref="CapturedPages.PackAgainst"/>): a snapshot then holds only how each page
/// differs from the base (XOR), mostly zeros, which LZ4 packs ~3× faster and ~2× smaller than the pages themselves on a
/// Lua engine. Immutable, so captures packed on other threads may share it; <see cref="Checksum"/> names it, so a delta
/// is never applied to any other base.
/// </summary>
public sealed class BasePages
{
    private readonly byte[] _dense;
    // Page number to its offset in _dense, -1 for a zero page.
    private readonly int[] _offsets;

    private BasePages(long size, byte[] dense, int[] offsets, string checksum)
    {
        Size = size;
        _dense = dense;
        _offsets = offsets;
        Checksum = checksum;
    }

    /// <summary>The size of the memory the base was taken from.</summary>
    public long Size { get; }

    /// <summary>Names the image (its size and every page): a delta records the checksum of the base it was taken against.</summary>
    public string Checksum { get; }

    /// <summary>The bytes the base holds (its non-zero pages), for whoever keeps it.</summary>
    public long HeldBytes => _dense.Length;

    /// <summary>
    /// Copies the non-zero pages of the <paramref name="length"/> bytes at <paramref name="image"/> (whole pages), which
    /// must stay put and unchanged until this returns.
    /// </summary>
    public static unsafe BasePages Take(IntPtr image, int length) => Of(new ReadOnlySpan<byte>((byte*)image, length));

    /// <summary>As <see cref="Take"/>, from an image in hand.</summary>
    public static BasePages Of(ReadOnlySpan<byte> image)
    {
        if (image.Length % CompressedPages.PageSize != 0)
            throw new ArgumentException($"an image of {image.Length} bytes is not whole {CompressedPages.PageSize}-byte pages", nameof(image));
        var pages = image.Length / CompressedPages.PageSize;
        var offsets = new int[pages];
        var present = 0;
        for (var page = 0; page < pages; page++)
            offsets[page] = PageOf(image, page).ContainsAnyExcept((byte)0) ? present++ * CompressedPages.PageSize : -1;
        var dense = new byte[present * CompressedPages.PageSize];
        var hash = new XxHash128();
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(size, image.Length);
        hash.Append(size);
        for (var page = 0; page < pages; page++)
        {
            if (offsets[page] < 0) continue;
            PageOf(image, page).CopyTo(dense.AsSpan(offsets[page]));
            BinaryPrimitives.WriteInt64LittleEndian(size, page);
            hash.Append(size);
            hash.Append(PageOf(image, page));
        }
        return new BasePages(image.Length, dense, offsets, Convert.ToHexStringLower(hash.GetCurrentHash()));
    }

    /// <summary>Page <paramref name="page"/> of the base: empty when it is a zero page or beyond the base.</summary>
    internal ReadOnlySpan<byte> Page(int page) =>
        page < _offsets.Length && _offsets[page] >= 0 ? _dense.AsSpan(_offsets[page], CompressedPages.PageSize) : default;

    /// <summary>
    /// Turns <paramref name="difference"/> (a delta's unpacked image: each page XOR this base's) into the image the delta
    /// was taken from, in place; or says why it cannot (memory never shrinks, so a base larger than the image is not its).
    /// </summary>
    public string? ApplyTo(byte[] difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        if (Size > difference.Length) return $"its base of {Size} bytes is larger than the memory of {difference.Length} bytes it would give";
        for (var page = 0; page < _offsets.Length; page++)
        {
            if (_offsets[page] < 0) continue;
            var target = difference.AsSpan(page * CompressedPages.PageSize, CompressedPages.PageSize);
            Xor(target, Page(page), target);
        }
        return null;
    }

    /// <summary><paramref name="target"/> = <paramref name="left"/> XOR <paramref name="right"/> (an empty side is zeros).</summary>
    internal static void Xor(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> target)
    {
        if (left.IsEmpty) { right.CopyTo(target); return; }
        if (right.IsEmpty) { left.CopyTo(target); return; }
        var width = System.Numerics.Vector<byte>.Count;
        var at = 0;
        for (; at + width <= target.Length; at += width)
            (new System.Numerics.Vector<byte>(left[at..]) ^ new System.Numerics.Vector<byte>(right[at..])).CopyTo(target[at..]);
        for (; at < target.Length; at++) target[at] = (byte)(left[at] ^ right[at]);
    }

    private static ReadOnlySpan<byte> PageOf(ReadOnlySpan<byte> image, int page) =>
        image.Slice(page * CompressedPages.PageSize, CompressedPages.PageSize);
}
