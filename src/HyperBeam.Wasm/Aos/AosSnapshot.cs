using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// The <c>snapshot</c> of an AOS process: its module's linear memory, compressed (<see cref="CompressedMemory"/>), with the memory size and the
/// exported mutable globals, tagged with the module ID it belongs to (memory only means anything to that module).
/// </summary>
internal static class AosSnapshot
{
    public const string ModuleKey = "genesis-wasm-module";

    public static Message Encode(string moduleId, AosMemory memory)
    {
        var globals = Message.Empty;
        foreach (var (name, value) in memory.Globals)
            globals = value switch
            {
                int i => globals.Set(name, new AoInteger(i)),
                long l => globals.Set(name, new AoInteger(l)),
                _ => globals,
            };
        return Message.Of((ModuleKey, moduleId), ("encoding", CompressedMemory.Encoding), ("size", memory.Size), ("globals", globals),
            ("body", memory.CompressedImage));
    }

    /// <summary>Whether <paramref name="state"/> carries a snapshot of this device.</summary>
    public static bool IsOne(Message? snapshot) => snapshot is not null && snapshot.ContainsKey(ModuleKey);

    public static (AosMemory? Memory, string? Error) Decode(Message snapshot, string moduleId, long maxBytes)
    {
        if (snapshot.GetText(ModuleKey) != moduleId)
            return (null, $"the snapshot belongs to module '{snapshot.GetText(ModuleKey)}', the process runs '{moduleId}'");
        var (image, error) = CompressedMemory.Decompress(snapshot.Get("encoding"), snapshot.Get("body"), snapshot.Get("size"), maxBytes);
        if (image is null) return (null, $"the snapshot cannot be restored: {error}");
        var globals = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (snapshot.GetMessage("globals") is { } saved)
            foreach (var (name, value) in saved.Entries)
                if (value is AoInteger i) globals[name] = i.Value;
        return (new AosMemory(image, globals), null);
    }
}

/// <summary>
/// A module's state between calls: its linear memory and its exported mutable globals. The memory is held as an
/// image or already compressed as a snapshot carries it, whichever its maker had (a small process's memory rides
/// compressed in every computed state, so keeping that is its checkpoint, without a second copy); the other form is
/// made on first use. An image may be a buffer its instance reuses: read it before that instance's next call.
/// </summary>
internal sealed class AosMemory
{
    private byte[]? _image;
    private byte[]? _compressed;

    public AosMemory(byte[] image, IReadOnlyDictionary<string, object?> globals)
    {
        _image = image;
        Size = image.Length;
        Globals = globals;
    }

    private AosMemory(byte[] compressed, long size, IReadOnlyDictionary<string, object?> globals)
    {
        _compressed = compressed;
        Size = size;
        Globals = globals;
    }

    /// <summary>The memory compressed straight from <paramref name="memory"/> (a live instance's).</summary>
    public static AosMemory Compress(ReadOnlySpan<byte> memory, IReadOnlyDictionary<string, object?> globals) =>
        new(CompressedMemory.Compress(memory), memory.Length, globals);

    /// <summary>The memory's size in bytes.</summary>
    public long Size { get; }

    public IReadOnlyDictionary<string, object?> Globals { get; }

    public byte[] Image => _image ??= CompressedMemory.Decompress(new AoBinary(System.Text.Encoding.UTF8.GetBytes(CompressedMemory.Encoding)), new AoBinary(_compressed!), new AoInteger(Size), Size).Image
                                      ?? throw new InvalidOperationException("a checkpoint this instance compressed did not decompress");

    /// <summary>The compressed form a snapshot carries.</summary>
    public byte[] CompressedImage => _compressed ??= CompressedMemory.Compress(_image!);
}
