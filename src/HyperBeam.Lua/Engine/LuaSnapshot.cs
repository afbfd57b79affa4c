using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// The <c>snapshot</c> of a Lua VM: its engine's whole linear memory (every global, closure, coroutine and handler the
/// scripts made), compressed (<see cref="CompressedMemory"/>), tagged with the engine build it came from — memory only means anything to the
/// very same module. Between calls the engine's shadow stack is back at its start and it exports no mutable
/// globals, so the memory is the whole state.
/// </summary>
internal static class LuaSnapshot
{
    public const string EngineKey = "engine";
    public const string MemoryKey = "body";
    public const string SizeKey = "size";
    public const string EncodingKey = "encoding";

    public static string Engine => $"lua53.wasm/{LuaEngineImage.Version}";

    /// <summary>The state of <paramref name="interpreter"/>, packed in place from its memory (no copy of it first): on its VM's thread, between calls.</summary>
    public static Message Encode(LuaWasmInterpreter interpreter)
    {
        var (packed, size) = interpreter.PackedMemory();
        return Message.Of((EngineKey, Engine), (EncodingKey, CompressedMemory.PagesEncoding), (SizeKey, size), (MemoryKey, packed));
    }

    /// <summary>The same message from a copy of the memory taken earlier (<see cref="LuaWasmInterpreter.CapturedMemory"/>), on any thread.</summary>
    public static Message Encode(CapturedPages captured)
    {
        var size = captured.Size;
        return Message.Of((EngineKey, Engine), (EncodingKey, CompressedMemory.PagesEncoding), (SizeKey, size), (MemoryKey, captured.Pack()));
    }

    /// <summary>The memory image of a snapshot message, or why it cannot be restored here.</summary>
    public static (byte[]? Memory, string? Error) Decode(Message snapshot, long maxBytes)
    {
        if (snapshot.GetText(EngineKey) != Engine)
            return (null, $"the Lua snapshot was made by engine '{snapshot.GetText(EngineKey) ?? "(none)"}', this node runs '{Engine}'");
        var (image, error) = CompressedMemory.Decompress(snapshot.Get(EncodingKey), snapshot.Get(MemoryKey), snapshot.Get(SizeKey), maxBytes);
        return image is null ? (null, $"the Lua snapshot cannot be restored: {error}") : (image, null);
    }
}
