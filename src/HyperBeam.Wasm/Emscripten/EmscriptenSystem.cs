namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// What the module sees of the world, set by the embedder before each call so that every node computes the same
/// thing: the clock (the message's timestamp, never the machine's), a seeded random stream, and the output the
/// module writes to stdout/stderr (captured, capped). Nothing else: no files, no environment, no arguments.
/// </summary>
public sealed class EmscriptenSystem(int maxOutputBytes)
{
    private readonly MemoryStream _output = new();
    private byte[] _seed = [];
    private long _randomOffset;

    /// <summary>What <c>clock_time_get</c> answers, in nanoseconds since the Unix epoch (every clock id).</summary>
    public ulong ClockNanoseconds { get; set; }

    /// <summary>Bytes written past the output cap (dropped).</summary>
    public long DroppedOutputBytes { get; private set; }

    /// <summary>Seeds <c>random_get</c>: the same seed gives the same bytes.</summary>
    public void SeedRandom(ReadOnlySpan<byte> seed)
    {
        _seed = seed.ToArray();
        _randomOffset = 0;
    }

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

    /// <summary>The next bytes of the seeded stream (<see cref="SeededRandom"/>, the same stream <c>wasi@1.0</c> answers).</summary>
    internal void FillRandom(Span<byte> destination)
    {
        SeededRandom.Fill(_seed, _randomOffset, destination);
        _randomOffset += destination.Length;
    }
}
