using System.IO.Compression;
using HyperBeam.Core.Messages;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// The <c>snapshot</c> of a Lua VM: its engine's whole linear memory (every global, closure, coroutine and handler the
/// scripts made), zlib-compressed, tagged with the engine build it came from — memory only means anything to the
/// very same module. Between calls the engine's shadow stack is back at its start and it exports no mutable
/// globals, so the memory is the whole state.
/// </summary>
internal static class LuaSnapshot
{
    public const string EngineKey = "engine";
    public const string MemoryKey = "body";
    public const string SizeKey = "size";

    public static string Engine => $"lua53.wasm/{LuaEngineImage.Version}";

    public static Message Encode(byte[] memory)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(memory);
        return Message.Of((EngineKey, Engine), ("encoding", "zlib"), (SizeKey, memory.Length), (MemoryKey, compressed.ToArray()));
    }

    /// <summary>The memory image of a snapshot message, or why it cannot be restored here.</summary>
    public static (byte[]? Memory, string? Error) Decode(Message snapshot, long maxBytes)
    {
        if (snapshot.GetText(EngineKey) != Engine)
            return (null, $"the Lua snapshot was made by engine '{snapshot.GetText(EngineKey) ?? "(none)"}', this node runs '{Engine}'");
        if (snapshot.Get(MemoryKey) is not AoBinary compressed) return (null, "the Lua snapshot has no memory image");
        if (snapshot.Get(SizeKey) is not AoInteger { Value: > 0 } size || size.Value % 65536 != 0)
            return (null, "the Lua snapshot has no valid memory size");
        if (size.Value > maxBytes) return (null, $"the Lua snapshot is larger than this device's memory limit of {maxBytes} bytes");
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            var image = new byte[size.Value];
            zlib.ReadExactly(image);
            // Nothing may follow the image: a snapshot says exactly how large the memory was.
            return zlib.ReadByte() < 0 ? (image, null) : (null, "the Lua snapshot holds more memory than its size says");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return (null, $"the Lua snapshot is corrupt: {e.Message}");
        }
    }
}
