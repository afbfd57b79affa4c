using System.Buffers.Binary;
using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Conversion;
using HyperBeam.Lua.Modules;
using HyperBeam.Lua.Vm;
using HyperBeam.Wasm.Emscripten;
using Wasmtime;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// One Lua 5.3 state inside its own WebAssembly instance (lua53.wasm on the emscripten host). Wasmtime fuel meters
/// every instruction — Lua's, the C library's, finalizers' — and an epoch deadline bounds wall time, so a runaway call
/// ends as an error and the instance is dropped; nothing keeps burning. The whole state is the instance's linear
/// memory, so a snapshot is a copy of it. Used only on its VM's <see cref="LuaVmThread"/>.
/// </summary>
internal sealed class LuaWasmInterpreter : IDisposable
{
    private const int StatusOk = 0, StatusNoFunction = 1, StatusError = 2, StatusConversion = 3, StatusLoad = 4;

    /// <summary>Wasmtime fuel per unit of <see cref="LuaOptions.InstructionBudget"/>: roughly what one Lua VM instruction costs in wasm.</summary>
    public const ulong FuelPerInstruction = 100;

    private readonly LuaOptions _options;
    private readonly EmscriptenInstance _instance;
    private readonly AoHostCalls _host;
    private readonly Func<int, int> _alloc;
    private readonly Func<int, int, int> _call;
    private readonly Func<int, int, int> _eval;
    private readonly Func<int> _limitHit;
    private readonly Func<int> _reply;
    private readonly Stack<ResolveContext?> _contexts = new();
    private byte[] _pendingReply = [];
    private LuaWireWriter _callWriter = new();
    // Nested calls (through ao.resolve) encode here, so the top-level request stays whole in _callWriter (LastRequest).
    private LuaWireWriter _nestedWriter = new();
    private bool _lastRequestWhole;
    private bool _closed;

    private LuaWasmInterpreter(LuaOptions options, LuaVmThread thread, LuaModuleSet modules)
    {
        _options = options;
        var system = new EmscriptenSystem(options.MaxOutputBytes);
        system.SeedRandom(Encoding.UTF8.GetBytes(modules.Key));
        _instance = LuaEngineImage.Instance.Module.Instantiate(system, HostOptions(options));
        _instance.Owner = this;
        _alloc = _instance.Export<int, int>("hb_alloc");
        _call = _instance.Export<int, int, int>("hb_call");
        _eval = _instance.Export<int, int, int>("hb_eval");
        _limitHit = _instance.Export<int>("hb_limit_hit");
        _reply = _instance.Export<int>("hb_reply");
        _host = new AoHostCalls(thread, () => _contexts.TryPeek(out var context) && context is { } current
            ? current
            : throw new InvalidOperationException("ao.* calls need a resolution to run in"));
    }

    /// <summary>The emscripten host limits a device's options ask for.</summary>
    public static EmscriptenOptions HostOptions(LuaOptions options) => new()
    {
        FuelPerCall = (ulong)Math.Max(1, options.InstructionBudget) * FuelPerInstruction,
        WallTimeLimit = options.WallTimeLimit,
        // Lua's own allocations are capped exactly inside the engine; the linear memory may hold a little more
        // (the C heap's bookkeeping and the engine's own buffers).
        MaxMemoryBytes = options.MemoryLimitBytes + options.MemoryLimitBytes / 4 + (16L << 20),
        MaxOutputBytes = options.MaxOutputBytes,
    };

    /// <summary>Creates the state, installs the sandbox and runs the modules; a failure is returned, never thrown.</summary>
    public static (LuaWasmInterpreter? Interpreter, LuaCallOutcome.Failed? Failure) Create(LuaModuleSet modules, LuaOptions options, LuaVmThread thread, byte[]? snapshot = null)
    {
        LuaWasmInterpreter? interpreter = null;
        try
        {
            interpreter = new LuaWasmInterpreter(options, thread, modules);
            var failure = snapshot is null ? interpreter.Initialise(modules) : interpreter.Restore(snapshot);
            if (failure is null) return (interpreter, null);
            interpreter.Dispose();
            return (null, failure);
        }
        catch (EmscriptenFailure e)
        {
            interpreter?.Dispose();
            return (null, new LuaCallOutcome.Failed(LuaFailureKind.LoadError, AoBinary.FromString(e.Message), null));
        }
    }

    private LuaCallOutcome.Failed? Initialise(LuaModuleSet modules)
    {
        var created = _instance.Call("hb_create", (double)_options.MemoryLimitBytes, (double)SeedOf(modules.Key));
        if (created is not 0) return new LuaCallOutcome.Failed(LuaFailureKind.LoadError, AoBinary.FromString("the Lua engine could not start"), null);

        IEnumerable<string> hidden = _options.Sandbox ? [.. _options.SandboxedNames, .. modules.ExtraSandboxedNames] : modules.ExtraSandboxedNames;
        foreach (var name in hidden.Append("debug").Distinct(StringComparer.Ordinal))
            if (Eval("lua@5.3a-sandbox", LuaGuardScripts.Sandbox, [name]) is LuaCallOutcome.Failed failed) return failed;

        foreach (var module in modules.Modules)
        {
            if (module.Source.IsEmpty) continue;
            if (Eval(module.Name, module.Source.Span, []) is LuaCallOutcome.Failed failed)
                return failed with { Kind = failed.Kind == LuaFailureKind.ScriptError ? LuaFailureKind.LoadError : failed.Kind };
        }
        if (_instance.Call("hb_install_ao") is not 0)
            return new LuaCallOutcome.Failed(LuaFailureKind.LoadError, AoBinary.FromString("the ao library could not be installed"), null);
        return null;
    }

    /// <summary>The whole Lua state: the instance's linear memory (its shadow stack is back at its start between calls).</summary>
    public byte[] Snapshot() => _instance.ReadMemory();

    /// <summary>The same, written into <paramref name="reuse"/> when it has the memory's size (see <see cref="EmscriptenInstance.ReadMemory(byte[])"/>).</summary>
    public byte[] Snapshot(byte[]? reuse) => _instance.ReadMemory(reuse);

    /// <summary>The size of the engine's linear memory now (read on the VM thread).</summary>
    public long MemoryBytes => (long)_instance.Memory.GetLength();

    /// <summary>The same state packed (<see cref="CompressedMemory"/>) straight from the linear memory, and its size.</summary>
    public (byte[] Packed, long Size) PackedMemory() => _instance.PackMemory();

    /// <summary>A copy of the memory's non-zero pages, to pack on another thread (<see cref="CapturedPages.Pack"/>).</summary>
    public CapturedPages CapturedMemory() => _instance.CaptureMemoryPages();

    /// <summary>Puts the whole Lua state back to <paramref name="memory"/> (a <see cref="Snapshot"/> of this same engine build).</summary>
    public LuaCallOutcome.Failed? Restore(byte[] memory)
    {
        try
        {
            _instance.RestoreMemory(memory);
            return null;
        }
        catch (WasmtimeException e)
        {
            return new LuaCallOutcome.Failed(LuaFailureKind.MemoryLimit, AoBinary.FromString($"the Lua snapshot does not fit this device's memory limit: {e.Message}"), null);
        }
    }

    /// <summary>
    /// Calls global function <paramref name="function"/> (exact name, else its lower-case form) with the arguments,
    /// and converts what it returns.
    /// </summary>
    public LuaCallOutcome Call(string function, IReadOnlyList<AoValue> arguments, ResolveContext? context)
    {
        if (_closed) return new LuaCallOutcome.Failed(LuaFailureKind.Disposed, AoBinary.FromString("the Lua VM was disposed"), null);
        var topLevel = _contexts.Count == 0;
        if (topLevel) _lastRequestWhole = false;
        // One buffer for the top-level call, one for those nested in it (reused: a request is in the engine before it runs).
        var writer = topLevel ? _callWriter = _callWriter.Reset() : _nestedWriter = _nestedWriter.Reset();
        try
        {
            writer.WriteText(function);
            writer.WriteCount(arguments.Count);
            foreach (var argument in arguments) writer.Write(argument);
        }
        catch (LuaConversionException e)
        {
            return new LuaCallOutcome.Failed(LuaFailureKind.Conversion, AoBinary.FromString(e.Message), null);
        }
        if (topLevel)
        {
            _lastRequestWhole = true;
            LastClock = ClockOf(arguments);
        }
        return RunCall(function, writer.Written, topLevel ? LastClock : null, context);
    }

    /// <summary>
    /// Runs a top-level call again from the request <see cref="LastRequest"/> gave for it and its clock: what the
    /// arguments gave, without converting them again (a VM rebuilt after a runaway replays the calls since its checkpoint).
    /// </summary>
    public LuaCallOutcome Replay(string function, ReadOnlySpan<byte> request, ulong clock, ResolveContext? context)
    {
        if (_closed) return new LuaCallOutcome.Failed(LuaFailureKind.Disposed, AoBinary.FromString("the Lua VM was disposed"), null);
        return RunCall(function, request, clock, context);
    }

    private LuaCallOutcome RunCall(string function, ReadOnlySpan<byte> request, ulong? clock, ResolveContext? context)
    {
        if (clock is { } nanoseconds) _instance.System.ClockNanoseconds = nanoseconds;
        _contexts.Push(context);
        try
        {
            return Run("hb_call", request, function);
        }
        finally
        {
            _contexts.Pop();
        }
    }

    /// <summary>
    /// The last top-level call's request in the engine's encoding (empty when its arguments did not convert, so nothing
    /// reached the engine): with <see cref="LastClock"/>, what <see cref="Replay"/> runs again. Valid until the next top-level call.
    /// </summary>
    public ReadOnlySpan<byte> LastRequest => _lastRequestWhole ? _callWriter.Written : [];

    /// <summary>The clock the last top-level call saw (nanoseconds).</summary>
    public ulong LastClock { get; private set; }

    /// <summary>Names of the global functions, sorted.</summary>
    public IReadOnlyList<string> FunctionNames()
    {
        var outcome = Eval("lua@5.3a-functions", LuaGuardScripts.Functions, []);
        return outcome is LuaCallOutcome.Returned { Values: [AoList names] } ? [.. names.OfType<AoBinary>().Select(n => n.Text)] : [];
    }

    private LuaCallOutcome Eval(string name, string source, IReadOnlyList<AoValue> arguments) =>
        Eval(name, Encoding.UTF8.GetBytes(source), arguments);

    private LuaCallOutcome Eval(string name, ReadOnlySpan<byte> source, IReadOnlyList<AoValue> arguments)
    {
        var writer = new LuaWireWriter();
        writer.WriteText(name);
        writer.Write(new AoBinary(source.ToArray()));
        writer.WriteCount(arguments.Count);
        foreach (var argument in arguments) writer.Write(argument);
        return Run("hb_eval", writer.Written, name);
    }

    /// <summary>Copies the request into the engine, runs the export and reads its reply; a trap is a fatal failure.</summary>
    private LuaCallOutcome Run(string export, ReadOnlySpan<byte> request, string function)
    {
        try
        {
            var input = _alloc(request.Length);
            if (input == 0) return MemoryLimit(null);
            request.CopyTo(_instance.Memory.GetSpan(input, request.Length));
            var length = (export == "hb_call" ? _call : _eval)(input, request.Length);
            var limitHit = _limitHit() != 0;
            if (length == 0) return MemoryLimit(null);
            var at = _reply();
            // Read in place: nothing runs in the engine while the reply is converted.
            var reply = _instance.Memory.GetSpan(at, length);
            _instance.System.TakeOutput();
            return Outcome(reply, limitHit, function);
        }
        catch (EmscriptenFailure e)
        {
            _instance.System.TakeOutput();
            return e.Kind switch
            {
                EmscriptenFailureKind.OutOfFuel => new LuaCallOutcome.Failed(LuaFailureKind.InstructionBudget,
                    AoBinary.FromString($"lua@5.3a: instruction budget of {_options.InstructionBudget} instructions exceeded"), null),
                EmscriptenFailureKind.Deadline => new LuaCallOutcome.Failed(LuaFailureKind.WallTime,
                    AoBinary.FromString($"lua@5.3a: wall-time limit of {_options.WallTimeLimit.TotalSeconds:0.###} s exceeded"), null),
                _ => new LuaCallOutcome.Failed(LuaFailureKind.EngineTrap, AoBinary.FromString($"lua@5.3a: the engine trapped: {e.Message}"), null),
            };
        }
        catch (LuaConversionException e)
        {
            return new LuaCallOutcome.Failed(LuaFailureKind.Conversion, AoBinary.FromString(e.Message), null);
        }
    }

    private LuaCallOutcome Outcome(ReadOnlySpan<byte> reply, bool limitHit, string function)
    {
        var reader = new LuaWireReader(reply);
        var status = reader.ReadCount();
        switch (status)
        {
            case StatusOk:
                var values = new AoValue[reader.ReadCount()];
                for (var i = 0; i < values.Length; i++) values[i] = reader.Read();
                return new LuaCallOutcome.Returned(values);
            case StatusNoFunction:
                return new LuaCallOutcome.NoFunction(function);
            case StatusError:
                var error = reader.Read();
                var trace = reader.ReadText();
                return limitHit ? MemoryLimit(trace) : new LuaCallOutcome.Failed(LuaFailureKind.ScriptError, error, trace.Length == 0 ? null : trace);
            case StatusConversion:
                return new LuaCallOutcome.Failed(LuaFailureKind.Conversion, AoBinary.FromString(reader.ReadText()), null);
            case StatusLoad:
                return limitHit ? MemoryLimit(null) : new LuaCallOutcome.Failed(LuaFailureKind.LoadError, AoBinary.FromString(reader.ReadText()), null);
            default:
                throw new LuaConversionException($"unknown reply status {status} from the Lua engine");
        }
    }

    private LuaCallOutcome.Failed MemoryLimit(string? trace) =>
        new(LuaFailureKind.MemoryLimit, AoBinary.FromString($"lua@5.3a: memory limit of {_options.MemoryLimitBytes} bytes exceeded"), trace);

    /// <summary><c>env.hb_host_call(op, in, len)</c>: answers an <c>ao.*</c> call; the reply waits for <c>hb_host_reply</c>.</summary>
    internal void HostCall(ReadOnlySpan<ValueBox> args, Span<ValueBox> results)
    {
        var op = args[0].AsInt32();
        var request = _instance.Memory.GetSpan(LuaEngineImage.Pointer(args[1]), args[2].AsInt32()).ToArray();
        IReadOnlyList<AoValue> answer;
        try
        {
            var reader = new LuaWireReader(request);
            var arguments = new AoValue[reader.ReadCount()];
            for (var i = 0; i < arguments.Length; i++) arguments[i] = reader.Read();
            answer = _host.Answer(op, arguments);
        }
        catch (LuaConversionException e)
        {
            answer = ["error", e.Message];
        }
        var writer = new LuaWireWriter();
        try
        {
            writer.WriteCount(answer.Count);
            foreach (var value in answer) writer.Write(value);
        }
        catch (LuaConversionException e)
        {
            writer = new LuaWireWriter();
            writer.WriteCount(2);
            writer.WriteText("error");
            writer.WriteText(e.Message);
        }
        _pendingReply = writer.Written.ToArray();
        results[0] = _pendingReply.Length;
    }

    /// <summary><c>env.hb_host_reply(dst)</c>: copies the pending reply into the engine's buffer.</summary>
    internal void HostReply(ReadOnlySpan<ValueBox> args)
    {
        _pendingReply.CopyTo(_instance.Memory.GetSpan(LuaEngineImage.Pointer(args[0]), _pendingReply.Length));
        _pendingReply = [];
    }

    /// <summary>The clock a call sees: the request's <c>timestamp</c> (milliseconds), as HyperBEAM's os.time; else 0.</summary>
    private static ulong ClockOf(IReadOnlyList<AoValue> arguments)
    {
        if (arguments is not [_, Message request, ..]) return 0;
        var stamp = request.Get("timestamp") ?? request.GetMessage("body")?.Get("timestamp");
        return stamp switch
        {
            AoInteger { Value: > 0 } ms => (ulong)ms.Value * 1_000_000UL,
            AoBinary text when long.TryParse(text.Text, out var ms) && ms > 0 => (ulong)ms * 1_000_000UL,
            _ => 0,
        };
    }

    private static uint SeedOf(string key) => BinaryPrimitives.ReadUInt32LittleEndian(Encoding.UTF8.GetBytes(key.PadRight(4, '0')));

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _instance.Owner = null;
        _instance.Dispose();
    }
}
