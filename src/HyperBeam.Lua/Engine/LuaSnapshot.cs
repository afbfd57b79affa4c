using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// The <c>snapshot</c> of a Lua VM: its engine's whole linear memory (every global, closure, coroutine and handler the
/// scripts made), compressed (<see cref="CompressedMemory"/>), tagged with the engine build it came from — memory only means anything to the
/// very same module. Between calls the engine's shadow stack is back at its start and it exports no mutable
/// globals, so the memory is the whole state.
/// <para>
/// A VM that loaded its modules itself keeps its engine's memory as it was right after loading (its genesis, the same
/// on every node for the same engine build, modules and options) and packs its captured snapshots as their difference
/// from it (<see cref="CompressedMemory.PagesDeltaEncoding"/>, the genesis named by <see cref="BaseKey"/>): about 60 %
/// of the bytes and 70 % of the compression a whole snapshot costs on a small heap. A restore loads the modules in a
/// fresh engine first, which gives the genesis again, and refuses a delta whose genesis is not that one.
/// </para>
/// </summary>
internal static class LuaSnapshot
{
    public const string EngineKey = "engine";
    public const string MemoryKey = "body";
    public const string SizeKey = "size";
    public const string EncodingKey = "encoding";
    public const string BaseKey = "base";

    public static string Engine => $"lua53.wasm/{LuaEngineImage.Version}";

    /// <summary>The state of <paramref name="interpreter"/>, packed in place from its memory (no copy of it first): on its VM's thread, between calls.</summary>
    public static Message Encode(LuaWasmInterpreter interpreter)
    {
        var (packed, size) = interpreter.PackedMemory();
        return Message.Of((EngineKey, Engine), (EncodingKey, CompressedMemory.PagesEncoding), (SizeKey, size), (MemoryKey, packed));
    }

    /// <summary>
    /// The same message from a copy of the memory taken earlier (<see cref="LuaWasmInterpreter.CapturedMemory"/>), on
    /// any thread: as its difference from <paramref name="genesis"/> when there is one it can be taken against.
    /// </summary>
    public static Message Encode(CapturedPages captured, BasePages? genesis = null)
    {
        var size = captured.Size;
        if (genesis is null || genesis.Size > size)
            return Message.Of((EngineKey, Engine), (EncodingKey, CompressedMemory.PagesEncoding), (SizeKey, size), (MemoryKey, captured.Pack()));
        return Message.Of((EngineKey, Engine), (EncodingKey, CompressedMemory.PagesDeltaEncoding), (BaseKey, genesis.Checksum), (SizeKey, size),
            (MemoryKey, captured.PackAgainst(genesis)));
    }

    /// <summary>Whether the snapshot is a difference from its engine's genesis: restored only after loading the modules.</summary>
    public static bool IsDelta(Message snapshot) => snapshot.GetText(EncodingKey) == CompressedMemory.PagesDeltaEncoding;

    /// <summary>Why a snapshot cannot be restored on this node's engine at all, if it cannot.</summary>
    public static string? EngineRefusal(Message snapshot) => snapshot.GetText(EngineKey) == Engine
        ? null
        : $"the Lua snapshot was made by engine '{snapshot.GetText(EngineKey) ?? "(none)"}', this node runs '{Engine}'";

    /// <summary>
    /// The memory image of a snapshot message, or why it cannot be restored here; a delta needs the
    /// <paramref name="genesis"/> of a fresh engine with the same modules, and that very one.
    /// </summary>
    public static (byte[]? Memory, string? Error) Decode(Message snapshot, long maxBytes, BasePages? genesis = null)
    {
        if (EngineRefusal(snapshot) is { } refusal) return (null, refusal);
        if (IsDelta(snapshot) && genesis is not null && snapshot.GetText(BaseKey) != genesis.Checksum)
            return (null, $"the Lua snapshot cannot be restored: it is a difference from the memory after loading '{snapshot.GetText(BaseKey) ?? "(none)"}', " +
                $"and these modules load to '{genesis.Checksum}' here");
        var (image, error) = CompressedMemory.Decompress(snapshot.Get(EncodingKey), snapshot.Get(MemoryKey), snapshot.Get(SizeKey), maxBytes, genesis);
        return image is null ? (null, $"the Lua snapshot cannot be restored: {error}") : (image, null);
    }
}
