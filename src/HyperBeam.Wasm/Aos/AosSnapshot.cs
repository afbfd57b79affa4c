using System.IO.Compression;
using HyperBeam.Core.Messages;

namespace HyperBeam.Wasm.Aos;

/// <summary>
/// The <c>snapshot</c> of an AOS process: its module's linear memory, zlib-compressed, with the memory size and the
/// exported mutable globals, tagged with the module ID it belongs to (memory only means anything to that module).
/// </summary>
internal static class AosSnapshot
{
    public const string ModuleKey = "genesis-wasm-module";

    public static Message Encode(string moduleId, AosMemory memory)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(memory.Image);
        var globals = Message.Empty;
        foreach (var (name, value) in memory.Globals)
            globals = value switch
            {
                int i => globals.Set(name, new AoInteger(i)),
                long l => globals.Set(name, new AoInteger(l)),
                _ => globals,
            };
        return Message.Of((ModuleKey, moduleId), ("encoding", "zlib"), ("size", memory.Image.Length), ("globals", globals),
            ("body", compressed.ToArray()));
    }

    /// <summary>Whether <paramref name="state"/> carries a snapshot of this device.</summary>
    public static bool IsOne(Message? snapshot) => snapshot is not null && snapshot.ContainsKey(ModuleKey);

    public static (AosMemory? Memory, string? Error) Decode(Message snapshot, string moduleId, long maxBytes)
    {
        if (snapshot.GetText(ModuleKey) != moduleId)
            return (null, $"the snapshot belongs to module '{snapshot.GetText(ModuleKey)}', the process runs '{moduleId}'");
        if (snapshot.Get("body") is not AoBinary compressed) return (null, "the snapshot has no memory image");
        if (snapshot.Get("size") is not AoInteger { Value: > 0 } size || size.Value % 65536 != 0 || size.Value > maxBytes)
            return (null, $"the snapshot's memory size is not a page multiple within {maxBytes} bytes");
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            var image = new byte[size.Value];
            zlib.ReadExactly(image);
            if (zlib.ReadByte() >= 0) return (null, "the snapshot holds more memory than its size says");
            var globals = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (snapshot.GetMessage("globals") is { } saved)
                foreach (var (name, value) in saved.Entries)
                    if (value is AoInteger i) globals[name] = i.Value;
            return (new AosMemory(image, globals), null);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return (null, $"the snapshot is corrupt: {e.Message}");
        }
    }
}

/// <summary>A module's state between calls: its linear memory and its exported mutable globals.</summary>
internal sealed record AosMemory(byte[] Image, IReadOnlyDictionary<string, object?> Globals);
