using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HyperBeam.Wasm.Translation;
using Wasmtime;

namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// One Wasmtime engine (memory64, fuel) and the modules compiled on it, cached by the SHA-256 of their image so a
/// process image is compiled once per device however many instances run it. A bad image is remembered as bad too.
/// </summary>
internal sealed class WasmRuntime : IDisposable
{
    private static readonly byte[] WasmMagic = [0x00, 0x61, 0x73, 0x6d];

    private readonly ConcurrentDictionary<string, Lazy<WasmCompiled>> _modules = new(StringComparer.Ordinal);
    private int _instanceThreads;

    public WasmRuntime(WasmOptions options)
    {
        Options = options;
        using var config = new Config()
            .WithMemory64(options.Memory64)
            .WithFuelConsumption(true)
            .WithBulkMemory(true)
            .WithMultiValue(true)
            .WithReferenceTypes(true)
            .WithExceptions(true)
            .WithMaximumStackSize(options.MaxWasmStackBytes)
            .WithOptimizationLevel(options.OptimizeCode ? OptimizationLevel.Speed : OptimizationLevel.None);
        Engine = new Engine(config);
    }

    public WasmOptions Options { get; }

    public Engine Engine { get; }

    /// <summary>Instance threads started on this runtime that have not ended yet (each holds its stack).</summary>
    public int InstanceThreads => Volatile.Read(ref _instanceThreads);

    /// <summary>A thread for a new instance, counted in <see cref="InstanceThreads"/> until it ends.</summary>
    public WasmThread StartInstanceThread(string name)
    {
        Interlocked.Increment(ref _instanceThreads);
        return new WasmThread(name, Options.ThreadStackBytes, () => Interlocked.Decrement(ref _instanceThreads));
    }

    /// <summary>The compiled module of a binary (<c>\0asm…</c>) or WAT text image.</summary>
    public WasmCompiled Compile(ReadOnlyMemory<byte> image)
    {
        var hash = Convert.ToHexString(SHA256.HashData(image.Span));
        return _modules.GetOrAdd(hash, h => new Lazy<WasmCompiled>(() => CompileNow(h, image))).Value;
    }

    private WasmCompiled CompileNow(string hash, ReadOnlyMemory<byte> image)
    {
        try
        {
            var module = image.Span.StartsWith(WasmMagic)
                ? Module.FromBytes(Engine, hash, LegacyExceptionTranslator.TranslateForCompile(image.ToArray(), hash))
                : Module.FromText(Engine, hash, Encoding.UTF8.GetString(image.Span));
            return new WasmCompiled(hash, module, null);
        }
        catch (Exception e) when (e is WasmtimeException or InvalidOperationException)
        {
            return new WasmCompiled(hash, null, e.Message);
        }
    }

    public void Dispose()
    {
        foreach (var entry in _modules.Values)
            if (entry.IsValueCreated) entry.Value.Module?.Dispose();
        _modules.Clear();
        Engine.Dispose();
    }
}

/// <summary>A compiled image: its module, or why it would not compile.</summary>
internal sealed record WasmCompiled(string Hash, Module? Module, string? Error);
