using HyperBeam.Wasm.Emscripten;
using Wasmtime;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// The Lua 5.3 engine module (lua53.wasm, built by wasm/lua/build.sh and embedded), compiled once per process and
/// shared by every VM whatever its limits (fuel, wall time and memory are set per instance): compiling is the
/// expensive part, instantiating is cheap.
/// </summary>
internal sealed class LuaEngineImage
{
    private static readonly Lazy<byte[]> Bytes = new(ReadEmbedded);
    private static readonly Lazy<LuaEngineImage> Shared = new(() => new LuaEngineImage());

    private LuaEngineImage()
    {
        Runtime = new EmscriptenRuntime();
        Module = Runtime.Load(Bytes.Value, "lua53.wasm", new Dictionary<string, EmscriptenHostFunction>
        {
            ["env.hb_host_call"] = static (instance, args, results) => Owner(instance).HostCall(args, results),
            ["env.hb_host_reply"] = static (instance, args, _) => Owner(instance).HostReply(args),
        });
    }

    public EmscriptenRuntime Runtime { get; }

    public EmscriptenModule Module { get; }

    /// <summary>SHA-256 prefix of the engine module: a snapshot only restores into the engine that made it.</summary>
    public static string Version { get; } = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Bytes.Value))[..16].ToLowerInvariant();

    public static LuaEngineImage Instance => Shared.Value;

    private static LuaWasmInterpreter Owner(EmscriptenInstance instance) =>
        instance.Owner as LuaWasmInterpreter ?? throw new InvalidOperationException("a Lua host call on an instance no interpreter owns");

    private static byte[] ReadEmbedded()
    {
        using var stream = typeof(LuaEngineImage).Assembly.GetManifestResourceStream("HyperBeam.Lua.Engine.lua53.wasm")
                           ?? throw new InvalidOperationException("lua53.wasm is not embedded in HyperBeam.Lua");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    internal static int Pointer(ValueBox value) => value.AsInt32();
}
