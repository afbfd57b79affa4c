using System.IO.Compression;
using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Tests;

public class CompressedMemoryTests
{
    private const int Page = 65536;

    private static readonly AoBinary Encoding = AoBinary.FromString(CompressedMemory.Encoding);

    [Fact]
    public void An_image_comes_back_byte_for_byte()
    {
        var image = new byte[2 * Page];
        new Random(7).NextBytes(image.AsSpan(0, Page));
        var (restored, error) = CompressedMemory.Decompress(Encoding, new AoBinary(CompressedMemory.Compress(image)), new AoInteger(image.Length), 4 * Page);
        Assert.Null(error);
        Assert.Equal(image, restored);
    }

    [Fact]
    public void A_large_image_of_zero_random_and_repetitive_chunks_comes_back_byte_for_byte()
    {
        // Large enough to be packed chunk by chunk in parallel, with a short last chunk and chunks of every kind.
        var image = new byte[(16 << 20) + 3 * Page];
        var random = new Random(11);
        random.NextBytes(image.AsSpan(1 << 20, 1 << 20));
        for (var i = 4 << 20; i < 6 << 20; i++) image[i] = (byte)(i % 7);
        random.NextBytes(image.AsSpan(image.Length - Page));
        image[(10 << 20) + 5] = 1;

        var packed = CompressedMemory.Compress(image);
        var (restored, error) = CompressedMemory.Decompress(Encoding, new AoBinary(packed), new AoInteger(image.Length), 64L << 20);

        Assert.Null(error);
        Assert.True(restored.AsSpan().SequenceEqual(image));
        Assert.True(packed.Length < image.Length / 4, $"{packed.Length} bytes packed");
    }

    [Fact]
    public void A_snapshot_in_the_older_zlib_encoding_still_restores()
    {
        var image = new byte[2 * Page];
        new Random(3).NextBytes(image.AsSpan(Page / 2, Page));
        using var zlib = new MemoryStream();
        using (var stream = new ZLibStream(zlib, CompressionLevel.Fastest, leaveOpen: true)) stream.Write(image);

        foreach (var encoding in new AoValue?[] { AoBinary.FromString(CompressedMemory.LegacyEncoding), null })
        {
            var (restored, error) = CompressedMemory.Decompress(encoding, new AoBinary(zlib.ToArray()), new AoInteger(image.Length), 4 * Page);
            Assert.Null(error);
            Assert.Equal(image, restored);
        }
    }

    [Theory]
    [InlineData(1 * Page, "more memory than its size says")]
    [InlineData(3 * Page, "corrupt")]
    [InlineData(Page + 1, "no valid memory size")]
    [InlineData(8 * Page, "beyond this device's limit")]
    public void A_size_that_does_not_match_the_image_is_refused(long size, string reason)
    {
        var packed = new AoBinary(CompressedMemory.Compress(new byte[2 * Page]));
        var (restored, error) = CompressedMemory.Decompress(Encoding, packed, new AoInteger(size), 4 * Page);
        Assert.Null(restored);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Bytes_that_are_not_an_image_or_no_bytes_at_all_are_refused()
    {
        Assert.Contains("corrupt", CompressedMemory.Decompress(AoBinary.FromString(CompressedMemory.LegacyEncoding), new AoBinary([0x78, 0x01, 0xff, 0xff]), new AoInteger(Page), Page).Error);
        Assert.Contains("corrupt", CompressedMemory.Decompress(Encoding, new AoBinary([0x78, 0x01, 0xff, 0xff]), new AoInteger(Page), Page).Error);
        Assert.Contains("no memory image", CompressedMemory.Decompress(Encoding, null, new AoInteger(Page), Page).Error);
        Assert.Contains("encoding", CompressedMemory.Decompress(AoBinary.FromString("lzma"), new AoBinary([1]), new AoInteger(Page), Page).Error);
    }

    [Fact]
    public void An_image_cut_short_or_with_bytes_after_it_is_refused()
    {
        var image = new byte[2 * Page];
        new Random(5).NextBytes(image);
        var packed = CompressedMemory.Compress(image);

        var truncated = packed[..^10];
        Assert.Contains("corrupt", CompressedMemory.Decompress(Encoding, new AoBinary(truncated), new AoInteger(image.Length), 4 * Page).Error);
        var trailing = packed.Append((byte)0).ToArray();
        Assert.Contains("more memory", CompressedMemory.Decompress(Encoding, new AoBinary(trailing), new AoInteger(image.Length), 4 * Page).Error);
    }
}
