using System.IO.Compression;
using System.Runtime.InteropServices;
using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// A linear-memory image as a snapshot message carries it: zlib at its fastest level (snapshots are taken on the
/// compute path) beside its exact size, so a restore decompresses into one array and refuses any image that is not
/// exactly that size, not whole pages, or beyond the restoring device's memory limit.
/// </summary>
public static class CompressedMemory
{
    private const int PageSize = 65536;

    public static byte[] Compress(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Compress(image.AsSpan());
    }

    /// <summary>As <see cref="Compress(byte[])"/>, straight from a live memory: no copy of the image first.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> image)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(image);
        return compressed.ToArray();
    }

    /// <summary>The image of <paramref name="compressed"/> (a snapshot's memory) of <paramref name="size"/> bytes, or why it cannot be restored.</summary>
    public static (byte[]? Image, string? Error) Decompress(AoValue? compressed, AoValue? size, long maxBytes)
    {
        if (compressed is not AoBinary packed) return (null, "it has no memory image");
        if (size is not AoInteger { Value: > 0 } bytes || bytes.Value % PageSize != 0) return (null, "it has no valid memory size");
        if (bytes.Value > maxBytes) return (null, $"its memory of {bytes.Value} bytes is beyond this device's limit of {maxBytes} bytes");
        try
        {
            // Read in place: a copy of the compressed bytes would cost a restore as much as a small snapshot.
            var source = MemoryMarshal.TryGetArray(packed.Memory, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(packed.ToArray());
            using var zlib = new ZLibStream(source, CompressionMode.Decompress);
            var image = new byte[bytes.Value];
            zlib.ReadExactly(image);
            // Nothing may follow the image: a snapshot says exactly how large the memory was.
            return zlib.ReadByte() < 0 ? (image, null) : (null, "it holds more memory than its size says");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return (null, $"it is corrupt: {e.Message}");
        }
    }
}
