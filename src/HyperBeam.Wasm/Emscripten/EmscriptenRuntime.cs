using HyperBeam.Wasm.Translation;
using Wasmtime;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// The Wasmtime engine emscripten modules run on: fuel metering, epoch interruption (one timer ticks the epoch for
/// every instance, so a deadline needs no thread per call) and optionally 64-bit memories. Thread-safe; share one.
/// </summary>
public sealed class EmscriptenRuntime : IDisposable
{
    /// <summary>How often the epoch advances: the granularity of wall-time deadlines.</summary>
    public static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    private readonly Timer _ticker;

    public EmscriptenRuntime(EmscriptenOptions? options = null)
    {
        Options = options ?? EmscriptenOptions.Default;
        using var config = new Config()
            .WithFuelConsumption(true)
            .WithEpochInterruption(true)
            .WithMemory64(Options.Memory64)
            .WithBulkMemory(true)
            .WithMultiValue(true)
            .WithReferenceTypes(true)
            .WithExceptions(true)
            .WithMaximumStackSize(Options.MaxWasmStackBytes)
            .WithOptimizationLevel(OptimizationLevel.Speed);
        Engine = new Engine(config);
        _ticker = new Timer(static state => ((Engine)state!).IncrementEpoch(), Engine, EpochTick, EpochTick);
    }

    public EmscriptenOptions Options { get; }

    public Engine Engine { get; }

    /// <summary>Epoch ticks a call may run before its deadline.</summary>
    internal static ulong DeadlineTicksOf(TimeSpan wallTime) => (ulong)Math.Max(1, Math.Ceiling(wallTime / EpochTick));

    /// <summary>
    /// Compiles a module (legacy exception handling translated to the form Wasmtime runs first) and checks that this
    /// host can answer every import it has (else throws, naming them).
    /// </summary>
    public EmscriptenModule Load(ReadOnlySpan<byte> image, string name, IReadOnlyDictionary<string, EmscriptenHostFunction>? hostFunctions = null) =>
        Load(Module.FromBytes(Engine, name, LegacyExceptionTranslator.TranslateForCompile(image.ToArray(), name)), hostFunctions);

    /// <summary>As <see cref="Load(ReadOnlySpan{byte}, string, IReadOnlyDictionary{string, EmscriptenHostFunction}?)"/>, for a module compiled on <see cref="Engine"/> (WAT in tests).</summary>
    internal EmscriptenModule Load(Module module, IReadOnlyDictionary<string, EmscriptenHostFunction>? hostFunctions = null)
    {
        try
        {
            return new EmscriptenModule(this, module, hostFunctions ?? new Dictionary<string, EmscriptenHostFunction>());
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _ticker.Dispose();
        Engine.Dispose();
    }
}
