using Wasmtime;

namespace HyperBeam.Wasm.Emscripten;

/// <summary>
/// One instance of an emscripten module: its own store, linear memory and function table. Not thread-safe: its owner
/// runs one call at a time (host functions may call back into it, on the same thread). A call that traps throws
/// <see cref="EmscriptenFailure"/>; after that the owner must discard the instance.
/// </summary>
public sealed class EmscriptenInstance : IDisposable
{
    private readonly Store _store;
    private readonly Linker _linker;
    private readonly Instance _instance;
    private readonly EmscriptenOptions _options;
    private readonly ulong _deadlineTicks;
    private readonly Dictionary<string, Function> _exports = new(StringComparer.Ordinal);
    private int _depth;
    private Func<long>? _stackSave;

    internal EmscriptenInstance(EmscriptenModule module, EmscriptenSystem system, EmscriptenOptions? limits)
    {
        // Fuel, wall time and memory are the instance's own: one compiled module serves callers with different limits.
        _options = limits ?? module.Runtime.Options;
        _deadlineTicks = EmscriptenRuntime.DeadlineTicksOf(_options.WallTimeLimit);
        System = system;
        _store = new Store(module.Runtime.Engine);
        _store.SetLimits(memorySize: _options.MaxMemoryBytes, tableElements: 100_000, instances: 1, tables: 2, memories: 1);
        _linker = new Linker(module.Runtime.Engine);
        Env = new EmscriptenEnvImports(this);
        var wasi = new WasiPreview1Imports(this);
        foreach (var import in module.Module.Imports.OfType<FunctionImport>())
        {
            var key = $"{import.ModuleName}.{import.Name}";
            Function.UntypedCallbackDelegate callback = module.HostFunctions.TryGetValue(key, out var host)
                ? (_, args, results) =>
                {
                    try
                    {
                        host(this, args, results);
                    }
                    catch (Exception e)
                    {
                        Env.HostFailure ??= $"host function {key} failed: {e.Message}";
                        throw;
                    }
                }
                : Env.Callback(import) ?? wasi.Callback(import)
                  ?? throw new InvalidOperationException($"no host function for {key}");
            _linker.DefineFunction(import.ModuleName, import.Name, callback, import.Parameters, import.Results);
        }
        try
        {
            _instance = Run(() => _linker.Instantiate(_store, module.Module));
            Memory = _instance.GetMemory("memory") ?? throw new InvalidOperationException("the module exports no memory");
            Table = _instance.GetTable("__indirect_function_table");
            if (_instance.GetFunction("_initialize") is { } initialize) Run(() => initialize.Invoke());
            else StartAsEmscriptenGlueDoes();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// A module built for emscripten's JS glue (what ao-loader's formats are) has no <c>_initialize</c>: the glue sets
    /// up the stack limits and runs the static constructors itself, and so does this host.
    /// </summary>
    private void StartAsEmscriptenGlueDoes()
    {
        if (_instance.GetFunction("emscripten_stack_init") is { } stackInit) Run(() => stackInit.Invoke());
        if (_instance.GetFunction("__wasm_call_ctors") is { } constructors) Run(() => constructors.Invoke());
    }

    public EmscriptenSystem System { get; }

    /// <summary>Whatever the embedder ties to this instance (its host functions find their state through it).</summary>
    public object? Owner { get; set; }

    public Memory Memory { get; }

    /// <summary>Whether the memory takes 64-bit addresses (wasm64 modules).</summary>
    public bool Is64Bit => Memory.Is64Bit;

    internal Table? Table { get; }

    internal EmscriptenEnvImports Env { get; }

    /// <summary>Fuel left in the running call (for the call's own accounting).</summary>
    public ulong FuelLeft => _store.Fuel;

    /// <summary>Calls an export. A top-level call gets fresh fuel and a fresh deadline; a nested one (from a host function) shares them.</summary>
    public object? Call(string export, params ValueBox[] arguments)
    {
        if (!_exports.TryGetValue(export, out var function))
        {
            function = _instance.GetFunction(export) ?? throw new InvalidOperationException($"the module exports no function '{export}'");
            _exports[export] = function;
        }
        return Run(() => function.Invoke(arguments));
    }

    /// <summary>
    /// A typed export, called the way <see cref="Call"/> calls (fresh fuel and deadline at the top level, traps as
    /// <see cref="EmscriptenFailure"/>) without boxing its arguments: for exports called on every message.
    /// </summary>
    public Func<TResult> Export<TResult>(string name)
    {
        var function = _instance.GetFunction<TResult>(name) ?? throw new InvalidOperationException($"the module exports no function '{name}' of that type");
        return () => Run(function)!;
    }

    /// <inheritdoc cref="Export{TResult}(string)"/>
    public Func<T1, TResult> Export<T1, TResult>(string name)
    {
        var function = _instance.GetFunction<T1, TResult>(name) ?? throw new InvalidOperationException($"the module exports no function '{name}' of that type");
        return a => Run(() => function(a))!;
    }

    /// <inheritdoc cref="Export{TResult}(string)"/>
    public Func<T1, T2, TResult> Export<T1, T2, TResult>(string name)
    {
        var function = _instance.GetFunction<T1, T2, TResult>(name) ?? throw new InvalidOperationException($"the module exports no function '{name}' of that type");
        return (a, b) => Run(() => function(a, b))!;
    }

    /// <summary>Whether the module exports a function of that name.</summary>
    public bool Exports(string export) => _exports.ContainsKey(export) || _instance.GetFunction(export) is not null;

    /// <summary>The shadow stack pointer (<c>stackSave</c>; emscripten 3.1.5x+ exports <c>emscripten_stack_get_current</c> instead).</summary>
    /// <remarks>Typed and resolved once: every <c>invoke_*</c> (each Lua <c>pcall</c>, each protected call) reads it.</remarks>
    internal long StackSave() => (_stackSave ??= StackSaveFunction())();

    /// <summary>Sets the shadow stack pointer back (<c>stackRestore</c>, or newer emscripten's <c>_emscripten_stack_restore</c>).</summary>
    private Func<long> StackSaveFunction()
    {
        var name = Exports("stackSave") ? "stackSave" : "emscripten_stack_get_current";
        if (Is64Bit) return _instance.GetFunction<long>(name) ?? throw new InvalidOperationException($"the module exports no 64-bit {name}");
        var save = _instance.GetFunction<int>(name) ?? throw new InvalidOperationException($"the module exports no 32-bit {name}");
        return () => (uint)save();
    }

    internal void StackRestore(ValueBox pointer) => Call(Exports("stackRestore") ? "stackRestore" : "_emscripten_stack_restore", pointer);

    /// <summary>A copy of the linear memory (the whole state of a module between calls; its shadow stack is back at its start).</summary>
    public byte[] ReadMemory() => ReadMemory(null);

    /// <summary>
    /// A copy of the linear memory written into <paramref name="reuse"/> when it is the memory's size (a new array
    /// otherwise): a caller that copies the memory again and again keeps one large array instead of allocating one
    /// for every copy.
    /// </summary>
    public byte[] ReadMemory(byte[]? reuse)
    {
        var memory = Memory.GetSpan(0, checked((int)Memory.GetLength()));
        if (reuse is null || reuse.Length != memory.Length) return memory.ToArray();
        memory.CopyTo(reuse);
        return reuse;
    }

    /// <summary>
    /// The linear memory packed as <see cref="CompressedMemory.PagesEncoding"/> (only its non-zero pages), read in
    /// place (no copy of the whole memory first), and its size. Nothing runs in the instance meanwhile: its owner calls
    /// this between calls, on the thread that runs them.
    /// </summary>
    public (byte[] Packed, long Size) PackMemory()
    {
        var size = checked((int)Memory.GetLength());
        return (CompressedMemory.CompressPages(Memory.GetPointer(), size), size);
    }

    /// <summary>
    /// A copy of the memory's non-zero pages, to pack later on any thread (<see cref="CapturedPages.Pack"/> gives what
    /// <see cref="PackMemory"/> would have): the same rule, between calls on the thread that runs them.
    /// </summary>
    public CapturedPages CaptureMemoryPages() => CapturedPages.Take(Memory.GetPointer(), checked((int)Memory.GetLength()));

    /// <summary>Writes a memory image back at offset 0, growing the memory to fit (within the limit).</summary>
    public void RestoreMemory(ReadOnlySpan<byte> image)
    {
        var pages = (image.Length + Memory.PageSize - 1) / Memory.PageSize;
        var now = Memory.GetSize();
        if (pages > now) Memory.Grow(pages - now);
        image.CopyTo(Memory.GetSpan(0, image.Length));
        var rest = Memory.GetLength() - image.Length;
        if (rest > 0) Memory.GetSpan(image.Length, checked((int)rest)).Clear();
    }

    /// <summary>Current values of the exported mutable globals, by name (part of a snapshot when a module exports any).</summary>
    public IReadOnlyDictionary<string, object?> ReadGlobals()
    {
        var globals = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, global) in MutableGlobals()) globals[name] = global.GetValue();
        return globals;
    }

    public void RestoreGlobals(IReadOnlyDictionary<string, object?> values)
    {
        foreach (var (name, global) in MutableGlobals())
            if (values.TryGetValue(name, out var value)) global.SetValue(value);
    }

    /// <summary>The exported mutable globals, looked up once (they are read after every call of a process).</summary>
    private (string, Global)[] MutableGlobals() =>
        _mutableGlobals ??= _instance.GetGlobals().Where(e => e.Global.Mutability == Mutability.Mutable).Select(e => (e.Name, e.Global)).ToArray();

    private (string, Global)[]? _mutableGlobals;

    internal Function? TableFunction(int index) => Table?.GetElement((uint)index) as Function;

    private T Run<T>(Func<T> body)
    {
        if (_depth == 0)
        {
            _store.Fuel = _options.FuelPerCall;
            _store.SetEpochDeadline(_deadlineTicks);
            Env.Reset();
        }
        _depth++;
        try
        {
            return body();
        }
        catch (WasmtimeException e) when (_depth == 1)
        {
            throw Classify(e);
        }
        finally
        {
            _depth--;
        }
    }

    private void Run(Action body) => Run(() => { body(); return 0; });

    private EmscriptenFailure Classify(WasmtimeException e)
    {
        if (Env.Exit is { } code) return new EmscriptenFailure(EmscriptenFailureKind.Exit, $"the module exited with code {code}", code);
        var cause = Env.InnerTrap ?? e;
        if (cause is not TrapException { Type: TrapCode.OutOfFuel or TrapCode.Interrupt } && Env.HostFailure is { } host)
            return new EmscriptenFailure(EmscriptenFailureKind.Trap, host);
        return cause switch
        {
            TrapException { Type: TrapCode.OutOfFuel } => new(EmscriptenFailureKind.OutOfFuel, $"out of fuel after {_options.FuelPerCall} units"),
            TrapException { Type: TrapCode.Interrupt } => new(EmscriptenFailureKind.Deadline, $"ran past its wall-time limit of {_options.WallTimeLimit.TotalSeconds:0.###} s"),
            TrapException { Type: TrapCode.StackOverflow } => new(EmscriptenFailureKind.Trap, "wasm stack overflow"),
            _ => new(EmscriptenFailureKind.Trap, FirstLine(e.Message)),
        };
    }

    private static string FirstLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.Contains("trap", StringComparison.OrdinalIgnoreCase)) ?? lines.FirstOrDefault() ?? "trap";
    }

    public void Dispose()
    {
        _store.Dispose();
        _linker.Dispose();
    }
}
