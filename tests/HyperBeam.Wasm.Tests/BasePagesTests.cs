using System.Runtime.InteropServices;
using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests;

/// <summary>
/// <see cref="BasePages"/> and <see cref="CapturedPages.PackAgainst"/>: a copy packed as its difference from a base
/// restores, with that base, to exactly the memory as it was copied; pages the same in both cost nothing; a delta
/// without its base, or with a base it cannot be, is refused with the reason.
/// </summary>
public class BasePagesTests
{
    private const int Pages = 32;

    private static T Pinned<T>(byte[] image, Func<IntPtr, T> use)
    {
        var pinned = GCHandle.Alloc(image, GCHandleType.Pinned);
        try
        {
            return use(pinned.AddrOfPinnedObject());
        }
        finally
        {
            pinned.Free();
        }
    }

    private static byte[] Heap(int pages, int seed)
    {
        var image = new byte[pages * CompressedPages.PageSize];
        var random = new Random(seed);
        foreach (var page in new[] { 0, 5, 6, 17, 20 })
            random.NextBytes(image.AsSpan(page * CompressedPages.PageSize, CompressedPages.PageSize / 3));
        return image;
    }

    private static (byte[]? Image, string? Error) Restore(byte[] packed, int size, BasePages? @base) =>
        CompressedMemory.Decompress(AoBinary.FromString(CompressedMemory.PagesDeltaEncoding), new AoBinary(packed), new AoInteger(size), long.MaxValue, @base);

    [Fact]
    public void A_copy_packed_against_a_base_restores_with_that_base_to_the_memory_as_it_was_copied()
    {
        var genesis = Heap(Pages, 1);
        var @base = BasePages.Of(genesis);
        // The memory grew, a page the base had became zeros, a few bytes changed here and there, a new page filled.
        var image = new byte[(Pages + 16) * CompressedPages.PageSize];
        genesis.CopyTo(image, 0);
        Array.Clear(image, 6 * CompressedPages.PageSize, CompressedPages.PageSize);
        image[5 * CompressedPages.PageSize + 7] ^= 0x40;
        image[17 * CompressedPages.PageSize + 100] = 3;
        new Random(2).NextBytes(image.AsSpan((Pages + 3) * CompressedPages.PageSize, 500));
        var captured = Pinned(image, at => CapturedPages.Take(at, image.Length));
        image[0] = 99;

        var packed = captured.PackAgainst(@base);

        var (restored, error) = Restore(packed, (Pages + 16) * CompressedPages.PageSize, @base);
        Assert.Null(error);
        image[0] = genesis[0];
        Assert.Equal(image, restored);
    }

    [Fact]
    public void Pages_the_same_as_the_base_are_left_out_so_a_delta_of_a_few_changed_bytes_is_far_smaller_than_the_pages()
    {
        var image = Heap(Pages, 3);
        var @base = BasePages.Of(image);
        image[17 * CompressedPages.PageSize + 5] ^= 1;
        var full = Pinned(image, at => CapturedPages.Take(at, image.Length)).Pack();
        var delta = Pinned(image, at => CapturedPages.Take(at, image.Length)).PackAgainst(@base);

        Assert.True(delta.Length * 10 < full.Length, $"a delta of {delta.Length} bytes against pages of {full.Length}");
        // Unchanged memory: no page differs at all.
        var same = Pinned(image, at => CapturedPages.Take(at, image.Length)).PackAgainst(BasePages.Of(image));
        Assert.Equal(image, Restore(same, image.Length, BasePages.Of(image)).Image);
    }

    [Fact]
    public void A_delta_without_a_base_or_with_a_base_larger_than_its_memory_is_refused_with_the_reason()
    {
        var image = Heap(Pages, 4);
        var packed = Pinned(image, at => CapturedPages.Take(at, image.Length)).PackAgainst(BasePages.Of(Heap(Pages, 5)));

        var (none, noBase) = Restore(packed, image.Length, null);
        var (larger, tooLarge) = Restore(packed, image.Length, BasePages.Of(Heap(Pages + 1, 5)));

        Assert.Null(none);
        Assert.Contains("no base image", noBase);
        Assert.Null(larger);
        Assert.Contains("larger than the memory", tooLarge);
        Assert.Throws<ArgumentException>(() => Pinned(image, at => CapturedPages.Take(at, image.Length)).PackAgainst(BasePages.Of(Heap(Pages + 1, 5))));
    }

    [Fact]
    public void A_base_checksum_names_its_image_its_size_and_every_page()
    {
        var image = Heap(Pages, 6);
        var same = BasePages.Of(image.ToArray()).Checksum;
        var grown = BasePages.Of(Heap(Pages + 1, 6)).Checksum;
        image[20 * CompressedPages.PageSize + 1] ^= 1;
        var changed = BasePages.Of(image).Checksum;

        Assert.Equal(BasePages.Of(Heap(Pages, 6)).Checksum, same);
        Assert.NotEqual(same, grown);
        Assert.NotEqual(same, changed);
    }

    [Fact]
    public void A_copy_packed_against_a_base_gives_its_buffers_back_and_cannot_be_packed_again()
    {
        var image = Heap(Pages, 7);
        var captured = Pinned(image, at => CapturedPages.Take(at, image.Length));
        captured.PackAgainst(BasePages.Of(image));
        Assert.Throws<InvalidOperationException>(() => captured.Pack());
        Assert.Throws<InvalidOperationException>(() => captured.PackAgainst(BasePages.Of(image)));
    }
}
