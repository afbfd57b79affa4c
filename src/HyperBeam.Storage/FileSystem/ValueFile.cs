using System.Buffers.Binary;
using System.IO.Hashing;

namespace HyperBeam.Storage;

/// <summary>
/// The layout of a value file: a 20-byte header (magic <c>hbv1</c>, payload length, XxHash3 of the payload)
/// and the payload. Renames make writes atomic, but after a power cut an unsynced file can still come back short
/// or zeroed; the header turns that into a clear <see cref="StoreErrorKind.Corrupt"/> error instead of garbage.
/// </summary>
internal static class ValueFile
{
    public const int HeaderLength = 20;

    private static ReadOnlySpan<byte> Magic => "hbv1"u8;

    public static byte[] Header(ReadOnlySpan<byte> payload)
    {
        var header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(4), payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(12), XxHash3.HashToUInt64(payload));
        return header;
    }

    /// <summary>The payload length the header declares, or an explanation of why the header is bad.</summary>
    public static (long Length, string? Problem) ReadHeader(ReadOnlySpan<byte> header, long fileLength)
    {
        if (fileLength < HeaderLength)
            return (0, $"the file is truncated: {fileLength} bytes, shorter than the {HeaderLength}-byte header");
        if (!header[..4].SequenceEqual(Magic))
            return (0, "the file is not a value file of this store (bad magic)");
        var length = BinaryPrimitives.ReadInt64LittleEndian(header[4..]);
        if (length != fileLength - HeaderLength)
            return (0, $"the file is truncated or padded: its header declares {length} bytes of value, it holds {fileLength - HeaderLength}");
        if (length > Array.MaxLength) return (0, $"the header declares {length} bytes, more than one array can hold");
        return (length, null);
    }

    public static bool ChecksumMatches(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload) =>
        BinaryPrimitives.ReadUInt64LittleEndian(header[12..]) == XxHash3.HashToUInt64(payload);
}
