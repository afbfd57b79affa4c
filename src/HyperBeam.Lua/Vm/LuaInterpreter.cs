using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Conversion;
using HyperBeam.Lua.Modules;
using KeraLua;
using LuaState = KeraLua.Lua;

namespace HyperBeam.Lua.Vm;

/// <summary>
/// One Lua state (Lua 5.4 through KeraLua) with its guards, modules and the <c>ao</c> library. Used only on its
/// <see cref="LuaVmThread"/>. Every piece of Lua code runs inside <c>lua_pcall</c> with the memory cap on; the host
/// itself only uses raw, non-raising API calls, so a Lua error never unwinds through a .NET frame.
/// </summary>
internal sealed class LuaInterpreter : IDisposable
{
    private const int MultipleResults = -1;

    private readonly LuaState _lua;
    private readonly LuaMemoryLimiter _memory;
    private readonly LuaOptions _options;
    private readonly AoLibrary _library;
    private readonly Stack<ResolveContext> _contexts = new();
    private int _resetRef;
    private int _exceededRef;
    private int _onErrorRef;
    private bool _closed;

    private LuaInterpreter(LuaOptions options, LuaVmThread thread)
    {
        _options = options;
        _memory = new LuaMemoryLimiter(options.MemoryLimitBytes);
        _lua = new LuaState(_memory.Allocator, IntPtr.Zero);
        _lua.OpenLibs();
        _library = new AoLibrary(this, thread);
    }

    /// <summary>The context of the innermost call running on this VM (host callbacks resolve through it).</summary>
    internal ResolveContext CurrentContext => _contexts.Peek();

    internal LuaMemoryLimiter Memory => _memory;

    /// <summary>Creates the VM, installs the guards and loads the modules; a failure is returned, never thrown.</summary>
    public static (LuaInterpreter? Interpreter, LuaCallOutcome.Failed? Failure) Create(LuaModuleSet modules, LuaOptions options, LuaVmThread thread)
    {
        var interpreter = new LuaInterpreter(options, thread);
        var failure = interpreter.Initialise(modules);
        if (failure is null) return (interpreter, null);
        interpreter.Dispose();
        return (null, failure);
    }

    private LuaCallOutcome.Failed? Initialise(LuaModuleSet modules)
    {
        if (RunChunk(LuaGuardScripts.Budget, "=lua@5.3a-budget", [_options.BudgetCheckInterval], resultCount: 1) is { } budgetFailure)
            return budgetFailure;
        _lua.GetField(-1, "reset");
        _resetRef = _lua.Ref(LuaRegistry.Index);
        _lua.GetField(-1, "exceeded");
        _exceededRef = _lua.Ref(LuaRegistry.Index);
        _lua.GetField(-1, "onerror");
        _onErrorRef = _lua.Ref(LuaRegistry.Index);
        _lua.Pop(1);

        // debug is hidden whatever the sandbox says: with debug.sethook a script could lift its own budget.
        IEnumerable<string> hidden = _options.Sandbox ? [.. _options.SandboxedNames, .. modules.ExtraSandboxedNames] : modules.ExtraSandboxedNames;
        foreach (var name in hidden.Append("debug").Distinct(StringComparer.Ordinal))
            if (RunChunk(LuaGuardScripts.Sandbox, "=lua@5.3a-sandbox", [name], resultCount: 0) is { } sandboxFailure)
                return sandboxFailure;

        foreach (var module in modules.Modules)
        {
            // An empty chunk defines nothing (and KeraLua cannot pin an empty buffer).
            if (module.Source.IsEmpty) continue;
            ResetBudget();
            if (Load(module.Source.ToArray(), "=" + module.Name) is { } loadFailure) return loadFailure with { Kind = loadFailure.Kind == LuaFailureKind.ScriptError ? LuaFailureKind.LoadError : loadFailure.Kind };
            if (Protected(0, 0) is { } runFailure)
                return runFailure with { Kind = runFailure.Kind == LuaFailureKind.ScriptError ? LuaFailureKind.LoadError : runFailure.Kind };
        }
        _library.Install(_lua);
        return null;
    }

    /// <summary>
    /// Calls global function <paramref name="function"/> (exact name, else its lower-case form) with the arguments,
    /// and converts what it returns.
    /// </summary>
    public LuaCallOutcome Call(string function, IReadOnlyList<AoValue> arguments, ResolveContext context)
    {
        if (_closed) return new LuaCallOutcome.Failed(LuaFailureKind.Disposed, AoBinary.FromString("the Lua VM was disposed"), null);
        var top = _lua.GetTop();
        try
        {
            if (!PushGlobalFunction(function) && !PushGlobalFunction(function.ToLowerInvariant()))
                return new LuaCallOutcome.NoFunction(function);
            if (!_lua.CheckStack(arguments.Count + 4))
                return new LuaCallOutcome.Failed(LuaFailureKind.Conversion, AoBinary.FromString("too many arguments for the Lua stack"), null);
            foreach (var argument in arguments) LuaValueWriter.Push(_lua, argument);

            // The budget is per top-level call: calls nested through ao.resolve spend the caller's.
            if (_contexts.Count == 0) ResetBudget();
            _contexts.Push(context);
            LuaCallOutcome.Failed? failure;
            try
            {
                failure = Protected(arguments.Count, MultipleResults);
            }
            finally
            {
                _contexts.Pop();
            }
            if (failure is not null) return failure;
            // A coroutine may have spent the budget and its error been caught: the call still failed.
            if (_contexts.Count == 0 && BudgetExceeded())
                return new LuaCallOutcome.Failed(LuaFailureKind.InstructionBudget, BudgetMessage, null);

            var values = new AoValue[_lua.GetTop() - top];
            for (var i = 0; i < values.Length; i++) values[i] = LuaValueReader.Read(_lua, top + 1 + i);
            return new LuaCallOutcome.Returned(values);
        }
        catch (LuaConversionException e)
        {
            return new LuaCallOutcome.Failed(LuaFailureKind.Conversion, AoBinary.FromString(e.Message), null);
        }
        finally
        {
            _lua.SetTop(top);
        }
    }

    /// <summary>Names of the global functions, sorted (read with raw access: no script code runs).</summary>
    public IReadOnlyList<string> FunctionNames()
    {
        var names = new List<string>();
        if (_closed) return names;
        var top = _lua.GetTop();
        _lua.RawGetInteger(LuaRegistry.Index, (long)LuaRegistryIndex.Globals);
        _lua.PushNil();
        while (_lua.Next(-2))
        {
            if (_lua.Type(-1) == LuaType.Function && _lua.Type(-2) == LuaType.String)
                names.Add(Encoding.UTF8.GetString(_lua.ToBuffer(-2, false) ?? []));
            _lua.Pop(1);
        }
        _lua.SetTop(top);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _lua.Close();
    }

    private bool PushGlobalFunction(string name)
    {
        _lua.RawGetInteger(LuaRegistry.Index, (long)LuaRegistryIndex.Globals);
        LuaValueWriter.PushText(_lua, name);
        var type = _lua.RawGet(-2);
        _lua.Remove(-2);
        if (type == LuaType.Function) return true;
        _lua.Pop(1);
        return false;
    }

    private void ResetBudget()
    {
        _lua.RawGetInteger(LuaRegistry.Index, _resetRef);
        _lua.PushInteger(_options.InstructionBudget);
        // reset is our own code and cannot fail short of memory, which the cap (off here) does not refuse.
        if (_lua.PCall(1, 0, 0) != LuaStatus.OK) _lua.Pop(1);
    }

    private LuaCallOutcome.Failed? RunChunk(string source, string name, object[] arguments, int resultCount)
    {
        if (Load(Encoding.UTF8.GetBytes(source), name) is { } failure) return failure;
        foreach (var argument in arguments)
        {
            if (argument is int number) _lua.PushInteger(number);
            else LuaValueWriter.PushText(_lua, (string)argument);
        }
        return Protected(arguments.Length, resultCount);
    }

    private LuaCallOutcome.Failed? Load(byte[] source, string chunkName)
    {
        // Text only: precompiled chunks can crash the VM.
        var status = _lua.LoadBuffer(source, chunkName, "t");
        if (status == LuaStatus.OK) return null;
        var error = LuaValueReader.Read(_lua, -1);
        _lua.Pop(1);
        return new LuaCallOutcome.Failed(status == LuaStatus.ErrMem ? LuaFailureKind.MemoryLimit : LuaFailureKind.ScriptError, error, null);
    }

    /// <summary>
    /// Calls the function under the <paramref name="argumentCount"/> arguments on the stack, with the memory cap on
    /// and the traceback handler below it. On failure the stack is left as before the function was pushed.
    /// </summary>
    private LuaCallOutcome.Failed? Protected(int argumentCount, int resultCount)
    {
        var functionIndex = _lua.GetTop() - argumentCount;
        _lua.RawGetInteger(LuaRegistry.Index, _onErrorRef);
        _lua.Insert(functionIndex);
        _memory.ResetLimitHit();
        var enforcing = _memory.Enforcing;
        _memory.Enforcing = true;
        LuaStatus status;
        try
        {
            status = _lua.PCall(argumentCount, resultCount, functionIndex);
        }
        finally
        {
            _memory.Enforcing = enforcing;
        }
        if (status == LuaStatus.OK)
        {
            _lua.Remove(functionIndex);
            return null;
        }
        var failure = Failure(status);
        _lua.SetTop(functionIndex - 1);
        return failure;
    }

    /// <summary>Reads the error on top of the stack (wrapped as <c>{error, traceback}</c> by the handler).</summary>
    private LuaCallOutcome.Failed Failure(LuaStatus status)
    {
        AoValue error;
        string? trace = null;
        try
        {
            if (status == LuaStatus.ErrRun && _lua.Type(-1) == LuaType.Table)
            {
                _lua.RawGetInteger(-1, 1);
                error = LuaValueReader.Read(_lua, -1);
                _lua.Pop(1);
                if (_lua.RawGetInteger(-1, 2) == LuaType.String) trace = Encoding.UTF8.GetString(_lua.ToBuffer(-1, false) ?? []);
                _lua.Pop(1);
            }
            else
            {
                error = LuaValueReader.Read(_lua, -1);
            }
        }
        catch (LuaConversionException e)
        {
            error = AoBinary.FromString($"a Lua error value that cannot be shown ({e.Message})");
        }

        if (BudgetExceeded())
            return new LuaCallOutcome.Failed(LuaFailureKind.InstructionBudget, BudgetMessage, trace);
        if (_memory.LimitHit || status == LuaStatus.ErrMem)
            return new LuaCallOutcome.Failed(LuaFailureKind.MemoryLimit,
                AoBinary.FromString($"lua@5.3a: memory limit of {_options.MemoryLimitBytes} bytes exceeded"), trace);
        return new LuaCallOutcome.Failed(LuaFailureKind.ScriptError, error, trace);
    }

    private AoBinary BudgetMessage => AoBinary.FromString($"lua@5.3a: instruction budget of {_options.InstructionBudget} instructions exceeded");

    private bool BudgetExceeded()
    {
        var top = _lua.GetTop();
        _lua.RawGetInteger(LuaRegistry.Index, _exceededRef);
        // Once spent, the hook raises on every instruction — including exceeded's own — so a failed call means yes.
        var exceeded = _lua.PCall(0, 1, 0) != LuaStatus.OK || _lua.ToBoolean(-1);
        _lua.SetTop(top);
        return exceeded;
    }
}
