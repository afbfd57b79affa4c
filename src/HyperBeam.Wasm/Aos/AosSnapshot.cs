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
        return Message.Of((ModuleKey, moduleId), ("encoding", CompressedMemory.Encoding), ("size", memory.Image.Length), ("globals", globals),
            ("body", CompressedMemory.Compress(memory.Image)));
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

/// <summary>A module's state between calls: its linear memory and its exported mutable globals.</summary>
internal sealed record AosMemory(byte[] Image, IReadOnlyDictionary<string, object?> Globals);
