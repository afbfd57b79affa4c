using System.Buffers.Binary;
using System.Runtime.InteropServices;
using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests;

/// <summary>
/// <see cref="CompressedMemory.PagesEncoding"/>: only the non-zero pages of a memory are packed; an image comes back
/// byte for byte, is a copy of the memory at the moment it was packed, and anything that is not such an image is refused.
/// </summary>
public class CompressedPagesTests
{
    private const int Page = 65536;
    private const int SmallPage = CompressedPages.PageSize;

    private static readonly AoBinary Encoding = AoBinary.FromString(CompressedMemory.PagesEncoding);

    private static byte[] Pack(byte[] image)
    {
        var pinned = GCHandle.Alloc(image, GCHandleType.Pinned);
        try
        {
            return CompressedMemory.CompressPages(pinned.AddrOfPinnedObject(), image.Length);
        }
        finally
        {
            pinned.Free();
        }
    }

    private static (byte[]? Image, string? Error) Unpack(byte[] packed, long size, long maxBytes = 64L << 20) =>
        CompressedMemory.Decompress(Encoding, new AoBinary(packed), new AoInteger(size), maxBytes);

    /// <summary>A heap-like memory: a few scattered pages in use, the rest zeros, one page with a single byte set.</summary>
    private static byte[] SparseImage(int pages, int seed)
    {
        var image = new byte[pages * Page];
        var small = image.Length / SmallPage;
        var random = new Random(seed);
        foreach (var at in new[] { 0, 3, small / 2 + 1, small - 1 })
            random.NextBytes(image.AsSpan(at * SmallPage, SmallPage));
        image[(small / 2 + 2) * SmallPage + 123] = 7;
        for (var i = small * 3 / 4 * SmallPage; i < (small * 3 / 4 + 4) * SmallPage; i++) image[i] = (byte)(i % 5);
        return image;
    }

    [Fact]
    public void A_sparse_image_comes_back_byte_for_byte_and_its_zero_pages_cost_only_their_bit()
    {
        var image = SparseImage(32, 7);
        var packed = Pack(image);
        var (restored, error) = Unpack(packed, image.Length);
        Assert.Null(error);
        Assert.True(restored.AsSpan().SequenceEqual(image));
        // Four random pages do not compress; everything else is a run, a single byte or nothing at all.
        Assert.InRange(packed.Length, 4 * SmallPage, 5 * SmallPage);
    }

    [Fact]
    public void An_image_of_zeros_is_its_header_and_bitmap_and_restores_to_zeros()
    {
        var image = new byte[4 * Page];
        var packed = Pack(image);
        Assert.Equal(8 + 4 * Page / SmallPage / 8, packed.Length);
        var (restored, error) = Unpack(packed, image.Length);
        Assert.Null(error);
        Assert.Equal(image, restored);
    }

    [Fact]
    public void A_large_dense_image_packed_and_unpacked_block_by_block_on_every_core_comes_back_byte_for_byte()
    {
        // More than four 1 MiB blocks of non-zero pages, and a short last block.
        var image = new byte[(6 << 20) + 2 * Page];
        new Random(11).NextBytes(image.AsSpan(0, 5 << 20));
        for (var i = 5 << 20; i < image.Length - Page; i++) image[i] = (byte)(i % 7);
        var (restored, error) = Unpack(Pack(image), image.Length);
        Assert.Null(error);
        Assert.True(restored.AsSpan().SequenceEqual(image));
    }

    [Fact]
    public void The_packed_image_is_the_memory_as_it_was_when_packed_and_a_later_change_does_not_leak_into_it()
    {
        var live = GC.AllocateArray<byte>(8 * Page, pinned: true);
        SparseImage(8, 3).CopyTo(live, 0);
        var before = live.ToArray();
        var packed = CompressedMemory.CompressPages(Marshal.UnsafeAddrOfPinnedArrayElement(live, 0), live.Length);

        // The engine goes on: pages change, a zero page fills, a used one empties.
        live.AsSpan(0, SmallPage).Fill(0xAB);
        live[(live.Length / SmallPage / 2 - 3) * SmallPage] = 1;
        live.AsSpan(3 * SmallPage, SmallPage).Clear();

        var (restored, error) = Unpack(packed, live.Length);
        Assert.Null(error);
        Assert.Equal(before, restored);
    }

    [Theory]
    [InlineData(1 * Page, "more memory than its size says")]
    [InlineData(3 * Page, "corrupt")]
    [InlineData(Page + 1, "no valid memory size")]
    [InlineData(8 * Page, "beyond this device's limit")]
    public void A_size_that_does_not_match_the_image_is_refused(long size, string reason)
    {
        var (restored, error) = Unpack(Pack(SparseImage(2, 5)), size, 4 * Page);
        Assert.Null(restored);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void An_image_cut_short_with_bytes_after_it_or_a_block_that_is_not_lz4_is_refused()
    {
        var image = SparseImage(4, 9);
        var packed = Pack(image);

        Assert.Contains("corrupt", Unpack(packed[..^10], image.Length).Error);
        Assert.Contains("corrupt", Unpack(packed[..12], image.Length).Error);
        Assert.Contains("more memory", Unpack([.. packed, 0], image.Length).Error);
        var mangled = packed.ToArray();
        var firstBlock = 8 + image.Length / SmallPage / 8;
        BinaryPrimitives.WriteInt32LittleEndian(mangled.AsSpan(firstBlock), packed.Length);
        Assert.Contains("corrupt", Unpack(mangled, image.Length).Error);
        BinaryPrimitives.WriteInt32LittleEndian(mangled.AsSpan(firstBlock), 0);
        Assert.Contains("corrupt", Unpack(mangled, image.Length).Error);
    }

    [Fact]
    public void A_bitmap_that_marks_more_pages_than_the_blocks_hold_or_pages_past_the_end_is_refused()
    {
        var image = SparseImage(4, 13);
        var packed = Pack(image);
        var moreMarked = packed.ToArray();
        moreMarked[8 + 1] |= 0x80;   // page 15: zeros in the image, now marked as packed
        Assert.Contains("corrupt", Unpack(moreMarked, image.Length).Error);

        // 20 pages (not a multiple of 8): the bitmap's last byte has 4 bits that name no page.
        var odd = new byte[20 * SmallPage];
        odd[5] = 1;
        Assert.Null(CompressedPages.Unpack(Pack(odd), odd.Length).Error);
        var oddPacked = Pack(odd);
        oddPacked[8 + 2] |= 0x40;
        Assert.Contains("beyond its size", CompressedPages.Unpack(oddPacked, odd.Length).Error);
    }
}
