using System.Security.Cryptography;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// What the module sees of the world, set by the embedder before each call so that every node computes the same
/// thing: the clock (the message's timestamp, never the machine's), a seeded random stream, and the output the
/// module writes to stdout/stderr (captured, capped). Nothing else: no files, no environment, no arguments.
/// </summary>
public sealed class EmscriptenSystem(int maxOutputBytes)
{
    private readonly MemoryStream _output = new();
    private ulong _random;

    /// <summary>What <c>clock_time_get</c> answers, in nanoseconds since the Unix epoch (every clock id).</summary>
    public ulong ClockNanoseconds { get; set; }

    /// <summary>Bytes written past the output cap (dropped).</summary>
    public long DroppedOutputBytes { get; private set; }

    /// <summary>Seeds <c>random_get</c>: the same seed gives the same bytes.</summary>
    public void SeedRandom(ReadOnlySpan<byte> seed) =>
        _random = BitConverter.ToUInt64(SHA256.HashData(seed.ToArray()), 0) | 1;

    /// <summary>The output written since the last call to this, and clears it.</summary>
    public byte[] TakeOutput()
    {
        var bytes = _output.ToArray();
        _output.SetLength(0);
        DroppedOutputBytes = 0;
        return bytes;
    }

    internal void Write(ReadOnlySpan<byte> bytes)
    {
        var room = (int)Math.Max(0, maxOutputBytes - _output.Length);
        var kept = Math.Min(room, bytes.Length);
        _output.Write(bytes[..kept]);
        DroppedOutputBytes += bytes.Length - kept;
    }

    /// <summary>xorshift64*: deterministic, and all a module's <c>random_get</c> needs here (not cryptography).</summary>
    internal void FillRandom(Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            _random ^= _random >> 12;
            _random ^= _random << 25;
            _random ^= _random >> 27;
            destination[i] = (byte)((_random * 0x2545F4914F6CDD1DUL) >> 56);
        }
    }
}
