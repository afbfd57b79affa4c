using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// The bytes <c>random_get</c> answers: block <c>k</c> of the stream is SHA-256(seed ‖ k as 8 little-endian bytes),
/// so the same seed gives the same bytes on every node, and the stream can be resumed at any offset (the
/// <c>wasi@1.0</c> device keeps only the seed and the offset in the process state). Not for cryptography.
/// </summary>
public static class SeededRandom
{
    private const int BlockBytes = 32;

    /// <summary>Fills <paramref name="destination"/> with the stream of <paramref name="seed"/> from <paramref name="offset"/>.</summary>
    public static void Fill(ReadOnlySpan<byte> seed, long offset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var input = new byte[seed.Length + 8];
        seed.CopyTo(input);
        Span<byte> block = stackalloc byte[BlockBytes];
        var written = 0;
        while (written < destination.Length)
        {
            var at = offset + written;
            BinaryPrimitives.WriteInt64LittleEndian(input.AsSpan(seed.Length), at / BlockBytes);
            SHA256.HashData(input, block);
            var skip = (int)(at % BlockBytes);
            var take = Math.Min(BlockBytes - skip, destination.Length - written);
            block.Slice(skip, take).CopyTo(destination[written..]);
            written += take;
        }
    }
}
