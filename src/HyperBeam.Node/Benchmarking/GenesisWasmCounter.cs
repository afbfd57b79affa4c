using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;
using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.Emscripten;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// The legacy AO process the genesis-wasm rows run: CI's JSON-interface counter in its emscripten-glue build
/// (wasm/aos/aos-counter-emscripten2.wasm, the module ao-loader runs too), uploaded to an in-memory store, and the
/// one message every row sends it (<c>Action: Count</c>).
/// </summary>
public sealed class GenesisWasmCounter
{
    public const string Format = "wasm32-unknown-emscripten2";

    public static string ModulePath { get; } = Path.Combine(AppContext.BaseDirectory, "Modules", "aos-counter-emscripten2.wasm");

    /// <summary>Room for the 64 MiB snapshot row and the counter's own heap.</summary>
    public static AosOptions Options { get; } = new() { Host = new EmscriptenOptions { MaxMemoryBytes = 256L << 20 } };

    private readonly MessageCache _cache;

    private GenesisWasmCounter(MessageCache cache, string moduleId)
    {
        _cache = cache;
        ModuleId = moduleId;
    }

    public string ModuleId { get; }

    /// <summary>Options whose cache holds the module (the device loads it by ID).</summary>
    public ResolveOptions ResolveOptions => ResolveOptions.Default with { Cache = new StoreResolutionCache(_cache), Hashpath = HashpathMode.Ignore };

    public static async Task<GenesisWasmCounter> CreateAsync(CancellationToken cancellationToken)
    {
        var cache = new MessageCache(new MemoryStore());
        var module = await File.ReadAllBytesAsync(ModulePath, cancellationToken);
        return new GenesisWasmCounter(cache, await cache.WriteAsync(Message.Of(("type", "Module"), ("body", module)), cancellationToken));
    }

    /// <summary>A new process on the counter (a nonce makes its ID new), naming genesis-wasm@1.0 as its execution device.</summary>
    public Message Process() => Message.Of(("type", "Process"), ("device", "process@1.0"), ("execution-device", GenesisWasmDevice.DeviceName),
        ("module", ModuleId), ("nonce", Guid.NewGuid().ToString("N")));

    /// <summary>The assignment of slot <paramref name="slot"/>: the Count message with the scheduler's timestamp and height.</summary>
    public static Message Assignment(long slot, Message? body = null) => Message.Of(("path", "compute"), ("slot", slot),
        ("timestamp", 1_700_000_000_000L + slot), ("block-height", 1000L), ("body", body ?? Count));

    public static Message Count { get; } = Message.Of(("type", "Message"), ("action", "Count"), ("data-protocol", "ao"));
}
