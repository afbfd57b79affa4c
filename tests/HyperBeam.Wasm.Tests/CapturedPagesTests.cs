using System.Runtime.InteropServices;
using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests;

/// <summary>
/// <see cref="CapturedPages"/>: a copy of a memory's non-zero pages taken at once and packed later gives the very bytes
/// packing the memory in place gives, and what the memory does after the copy never reaches it.
/// </summary>
public class CapturedPagesTests
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

    private static byte[] Heap(int seed)
    {
        var image = new byte[Pages * CompressedPages.PageSize];
        var random = new Random(seed);
        foreach (var page in new[] { 0, 5, 6, 17, Pages - 1 })
            random.NextBytes(image.AsSpan(page * CompressedPages.PageSize, CompressedPages.PageSize / 3));
        return image;
    }

    [Fact]
    public void A_copy_packed_after_the_memory_changed_is_the_memory_as_it_was_when_copied()
    {
        var image = Heap(1);
        var before = image.ToArray();
        var packedInPlace = Pinned(image, at => CompressedMemory.CompressPages(at, image.Length));
        var captured = Pinned(image, at => CapturedPages.Take(at, image.Length));

        image.AsSpan(5 * CompressedPages.PageSize, 100).Fill(9);
        image[20 * CompressedPages.PageSize] = 1;
        Array.Clear(image, 0, CompressedPages.PageSize);
        var packed = captured.Pack();

        Assert.Equal(packedInPlace, packed);
        var (restored, error) = CompressedMemory.Decompress(AoBinary.FromString(CompressedMemory.PagesEncoding), new AoBinary(packed), new AoInteger(image.Length), long.MaxValue);
        Assert.Null(error);
        Assert.Equal(before, restored);
    }

    [Fact]
    public void A_copy_is_packed_once_its_buffers_then_go_back_to_the_pool()
    {
        var image = Heap(2);
        var captured = Pinned(image, at => CapturedPages.Take(at, image.Length));
        Assert.Equal(image.Length, captured.Size);
        captured.Pack();
        Assert.Throws<InvalidOperationException>(() => captured.Pack());
    }

    [Fact]
    public void A_copy_released_unpacked_gives_its_buffers_back_once_and_can_no_longer_be_packed()
    {
        var image = Heap(2);
        var captured = Pinned(image, at => CapturedPages.Take(at, image.Length));

        captured.Release();
        captured.Release();

        Assert.Throws<InvalidOperationException>(() => captured.Pack());
    }
}
