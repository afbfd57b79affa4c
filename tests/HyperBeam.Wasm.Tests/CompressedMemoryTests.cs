using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests;

public class CompressedMemoryTests
{
    private const int Page = 65536;

    [Fact]
    public void An_image_comes_back_byte_for_byte()
    {
        var image = new byte[2 * Page];
        new Random(7).NextBytes(image.AsSpan(0, Page));
        var (restored, error) = CompressedMemory.Decompress(new AoBinary(CompressedMemory.Compress(image)), new AoInteger(image.Length), 4 * Page);
        Assert.Null(error);
        Assert.Equal(image, restored);
    }

    [Theory]
    [InlineData(1 * Page, "more memory than its size says")]
    [InlineData(3 * Page, "corrupt")]
    [InlineData(Page + 1, "no valid memory size")]
    [InlineData(8 * Page, "beyond this device's limit")]
    public void A_size_that_does_not_match_the_image_is_refused(long size, string reason)
    {
        var packed = new AoBinary(CompressedMemory.Compress(new byte[2 * Page]));
        var (restored, error) = CompressedMemory.Decompress(packed, new AoInteger(size), 4 * Page);
        Assert.Null(restored);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Bytes_that_are_not_zlib_or_no_bytes_at_all_are_refused()
    {
        Assert.Contains("corrupt", CompressedMemory.Decompress(new AoBinary([0x78, 0x01, 0xff, 0xff]), new AoInteger(Page), Page).Error);
        Assert.Contains("no memory image", CompressedMemory.Decompress(null, new AoInteger(Page), Page).Error);
    }
}
