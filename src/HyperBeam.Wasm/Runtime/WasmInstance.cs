using HyperBeam.Core.Messages;
using Wasmtime;

namespace HyperBeam.Wasm.Runtime;

/// <summary>
/// A live module instance with its linear memory: the state of one process on one device. Everything that touches
/// the Wasmtime store runs on the instance's own <see cref="WasmThread"/>, so calls are serialised and a host import
/// may block while the resolver answers it. After a trap the instance refuses further work (<see cref="IsDiscarded"/>).
/// </summary>
internal sealed class WasmInstance : IDisposable
{
    private readonly WasmThread _thread;
    private readonly WasmOptions _options;
    private Store? _store;
    private Linker? _linker;
    private Instance? _instance;
    private Memory? _memory;
    private Memory[] _memories = [];
    private long _memoryBytes;
    private int _disposed;
    private IWasmImportHandler? _imports;
    private WasmFailure? _importFailure;
    private volatile bool _discarded;

    private WasmInstance(string key, WasmCompiled compiled, WasmRuntime runtime)
    {
        Key = key;
        Image = compiled;
        _options = runtime.Options;
        _thread = runtime.StartInstanceThread($"wasm {key[..Math.Min(8, key.Length)]}");
    }

    public string Key { get; }

    public WasmCompiled Image { get; }

    public bool IsDiscarded => _discarded;

    /// <summary>Whether the module's memory takes 64-bit addresses (from the module, so any thread may ask).</summary>
    public bool Is64Bit => Image.Module!.Exports.OfType<MemoryExport>().OrderBy(m => m.Name == "memory" ? 0 : 1).FirstOrDefault()?.Is64Bit ?? false;

    /// <summary>Whether the module exports a function named <paramref name="name"/>.</summary>
    public bool Exports(string name) => Image.Module!.Exports.OfType<FunctionExport>().Any(e => e.Name == name);

    /// <summary>
    /// What the instance holds, for the pool's byte bound: its exported linear memories as of the end of its last job
    /// (a call may grow them) plus the stack reserved for its thread.
    /// </summary>
    public long Bytes => Volatile.Read(ref _memoryBytes) + _options.ThreadStackBytes;

    /// <summary>Instantiates <paramref name="compiled"/> on a new instance thread; the failure when it cannot.</summary>
    public static async Task<(WasmInstance? Instance, WasmFailure? Failure)> StartAsync(
        string key, WasmCompiled compiled, WasmRuntime runtime)
    {
        var instance = new WasmInstance(key, compiled, runtime);
        var failure = await instance._thread.RunAsync(() => instance.Instantiate(runtime.Engine)).ConfigureAwait(false);
        if (failure is null) return (instance, null);
        instance.Dispose();
        return (null, failure);
    }

    /// <summary>Calls export <paramref name="function"/> with <paramref name="parameters"/>; imports go to <paramref name="imports"/>.</summary>
    public Task<(IReadOnlyList<AoValue>? Values, WasmFailure? Failure)> CallAsync(
        string function, IReadOnlyList<AoValue> parameters, IWasmImportHandler imports) =>
        RunAsync(() => Call(function, parameters, imports));

    /// <summary>The whole linear memory (HyperBEAM's <c>hb_beamr:serialize</c>); empty when the module has none.</summary>
    public Task<(byte[]? Memory, WasmFailure? Failure)> SnapshotAsync() => RunAsync(() => WasmMemoryImage.Read(_memory));

    /// <summary>Writes a snapshot back at offset 0, growing memory to fit (HyperBEAM's <c>hb_beamr:deserialize</c>).</summary>
    public async Task<WasmFailure?> RestoreAsync(ReadOnlyMemory<byte> snapshot) =>
        (await RunAsync(() => WasmMemoryImage.Write(_memory, snapshot)).ConfigureAwait(false)).Failure;

    /// <summary>Copies <paramref name="bytes"/> into linear memory at <paramref name="at"/> (after the module's <c>malloc</c> gave it).</summary>
    public async Task<WasmFailure?> WriteMemoryAsync(long at, ReadOnlyMemory<byte> bytes) =>
        (await RunAsync(() => Access(m => { m.Write(at, bytes.Span); return true; })).ConfigureAwait(false)).Failure;

    /// <summary>The NUL-terminated string at <paramref name="at"/> (what a JSON-interface <c>handle</c> returns), at most <paramref name="max"/> bytes.</summary>
    public Task<(byte[]? Bytes, WasmFailure? Failure)> ReadCStringAsync(long at, int max) => RunAsync(() => Access(m => m.ReadCString(at, max)));

    /// <summary>
    /// The memory of this instance while it is blocked in one of its imports, for the device answering that import
    /// (see <see cref="WasmImportScope.Current"/>); null at any other time.
    /// </summary>
    public WasmImportMemory? ImportMemory => _imports is not null && _memory is { } memory ? new WasmImportMemory(memory) : null;

    private (T?, WasmFailure?) Access<T>(Func<WasmImportMemory, T> body)
    {
        if (_memory is null) return (default, new WasmFailure(400, WasmErrorCodes.NoInstance, "the module exports no memory"));
        try
        {
            return (body(new WasmImportMemory(_memory)), null);
        }
        catch (WasmImportException e)
        {
            return (default, e.Failure);
        }
    }

    /// <summary>Exports, imports and memory size, for the <c>instance</c> key.</summary>
    public Task<(Message? Description, WasmFailure? Failure)> DescribeAsync() => RunAsync(Describe);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _discarded = true;
        _ = _thread.RunAsync(() =>
        {
            _store?.Dispose();
            _linker?.Dispose();
            _store = null;
            _linker = null;
            return true;
        });
        _thread.Dispose();
    }

    private async Task<(T? Value, WasmFailure? Failure)> RunAsync<T>(Func<(T?, WasmFailure?)> job)
    {
        if (_discarded) return (default, Discarded);
        if (WasmImportScope.IsAnswering(this))
            return (default, new WasmFailure(508, WasmErrorCodes.Reentrant,
                "the wasm instance is waiting for one of its own imports; the import cannot call back into it"));
        try
        {
            return await _thread.RunAsync(() =>
            {
                if (_discarded) return (default, Discarded);
                var outcome = job();
                MeasureMemories();
                return outcome;
            }).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return (default, Discarded);
        }
    }

    private static WasmFailure Discarded =>
        new(410, WasmErrorCodes.Discarded, "the wasm instance was discarded (after a trap or terminate)");

    private WasmFailure? Instantiate(Engine engine)
    {
        var module = Image.Module!;
        _store = new Store(engine);
        _store.SetLimits(memorySize: _options.MaxMemoryBytes, tableElements: _options.MaxTableElements,
            instances: 10, tables: 10, memories: 10);
        _linker = new Linker(engine);
        foreach (var import in module.Imports)
        {
            if (import is not FunctionImport function)
                return new WasmFailure(400, WasmErrorCodes.InstantiationFailed,
                    $"import {import.ModuleName}.{import.Name} is not a function; only function imports can be provided");
            _linker.DefineFunction(import.ModuleName, import.Name,
                (Caller _, ReadOnlySpan<ValueBox> args, Span<ValueBox> results) => OnImport(function, args, results),
                function.Parameters, function.Results);
        }
        try
        {
            _store.Fuel = _options.FuelPerCall;
            _instance = _linker.Instantiate(_store, module);
        }
        catch (WasmtimeException e)
        {
            return Classify(e, "instantiating the module failed") with { Status = 400, Code = WasmErrorCodes.InstantiationFailed };
        }
        var memoryName = module.Exports.OfType<MemoryExport>().Select(m => m.Name)
            .OrderBy(n => n == "memory" ? 0 : 1).FirstOrDefault();
        _memory = memoryName is null ? null : _instance.GetMemory(memoryName);
        _memories = module.Exports.OfType<MemoryExport>().Select(m => _instance.GetMemory(m.Name)).OfType<Memory>().ToArray();
        MeasureMemories();
        return null;
    }

    /// <summary>Runs on the instance thread, between jobs, while the store is alive.</summary>
    private void MeasureMemories() => Volatile.Write(ref _memoryBytes, _memories.Sum(m => m.GetLength()));

    private (IReadOnlyList<AoValue>?, WasmFailure?) Call(string name, IReadOnlyList<AoValue> parameters, IWasmImportHandler imports)
    {
        if (_instance!.GetFunction(name) is not { } function)
            return (null, new WasmFailure(400, WasmErrorCodes.MissingFunction, $"the module exports no function '{name}'"));
        var kinds = function.Parameters;
        if (kinds.Count != parameters.Count)
            return (null, new WasmFailure(400, WasmErrorCodes.BadParameters,
                $"'{name}' takes {kinds.Count} parameters {WasmValues.Signature(kinds, function.Results)}, got {parameters.Count}"));
        var boxes = new ValueBox[kinds.Count];
        for (var i = 0; i < boxes.Length; i++)
            if (!WasmValues.TryToBox(parameters[i], kinds[i], out boxes[i], out var error))
                return (null, new WasmFailure(400, WasmErrorCodes.BadParameters, $"parameter {i + 1} of '{name}': {error}"));
        _imports = imports;
        _importFailure = null;
        try
        {
            _store!.Fuel = _options.FuelPerCall;
            var returned = function.Invoke(boxes);
            return Results(name, returned);
        }
        catch (WasmtimeException e)
        {
            _discarded = true;
            return (null, Classify(e, $"'{name}' failed"));
        }
        finally
        {
            _imports = null;
        }
    }

    private static (IReadOnlyList<AoValue>?, WasmFailure?) Results(string name, object? returned)
    {
        var raw = returned switch
        {
            null => [],
            object[] many => many,
            _ => [returned],
        };
        var values = new AoValue[raw.Length];
        for (var i = 0; i < raw.Length; i++)
            values[i] = WasmValues.FromObject(raw[i])
                ?? throw new InvalidOperationException($"'{name}' returned a value that is not a number");
        return (values, null);
    }

    /// <summary>A failure from a trap: the import's own failure when an import ended the call.</summary>
    private WasmFailure Classify(WasmtimeException e, string what)
    {
        if (Interlocked.Exchange(ref _importFailure, null) is { } importFailure) return importFailure with { DiscardsInstance = true };
        return WasmTraps.Failure(e, what, _options.FuelPerCall);
    }

    private void OnImport(FunctionImport import, ReadOnlySpan<ValueBox> arguments, Span<ValueBox> results)
    {
        var signature = WasmValues.Signature(import.Parameters, import.Results);
        try
        {
            var handler = _imports ?? throw Failure($"import {import.ModuleName}.{import.Name} was called during instantiation; imports are only answered during calls");
            var args = new AoValue[arguments.Length];
            for (var i = 0; i < args.Length; i++)
                args[i] = WasmValues.FromBox(arguments[i], import.Parameters[i])
                    ?? throw Failure($"import {import.ModuleName}.{import.Name} takes {signature}: only numbers can be passed");
            var answer = handler.Answer(new WasmImportCall(import.ModuleName, import.Name, args, signature));
            if (answer.Count < import.Results.Count)
                throw Failure($"import {import.ModuleName}.{import.Name} {signature} answered {answer.Count} values");
            for (var i = 0; i < import.Results.Count; i++)
                results[i] = WasmValues.TryToBox(answer[i], import.Results[i], out var box, out var error)
                    ? box
                    : throw Failure($"import {import.ModuleName}.{import.Name} result {i + 1}: {error}");
        }
        catch (WasmImportException e)
        {
            _importFailure = e.Failure;
            throw;
        }
    }

    private static WasmImportException Failure(string message) =>
        new(new WasmFailure(500, WasmErrorCodes.ImportFailed, message));

    private (Message?, WasmFailure?) Describe()
    {
        var module = Image.Module!;
        var exports = module.Exports.Select(e => (AoValue)e.Name).ToArray();
        var imports = module.Imports.Select(i => (AoValue)$"{i.ModuleName}.{i.Name}").ToArray();
        var description = Message.Of(
            ("image-hash", Image.Hash),
            ("exports", new AoList(exports)),
            ("imports", new AoList(imports)),
            ("memory-bytes", _memory?.GetLength() ?? 0L),
            ("memory64", _memory?.Is64Bit ?? false));
        return (description, null);
    }
}
