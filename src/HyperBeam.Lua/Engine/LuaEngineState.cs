using HyperBeam.Core.Messages;
using HyperBeam.Lua.Conversion;
using HyperBeam.Lua.Modules;
using HyperBeam.Lua.Vm;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// One Lua 5.3 state on the engine without a device or a resolver around it: for the benchmark's raw-engine row and
/// for tests of the engine itself. <c>ao.*</c> calls fail (there is no resolution to answer them). Not thread-safe.
/// </summary>
public sealed class LuaEngineState : IDisposable
{
    private readonly LuaVmThread _thread;
    private readonly LuaWasmInterpreter _interpreter;

    private LuaEngineState(LuaVmThread thread, LuaWasmInterpreter interpreter)
    {
        _thread = thread;
        _interpreter = interpreter;
    }

    /// <summary>Runs <paramref name="source"/> in a fresh state; throws when it does not load.</summary>
    public static LuaEngineState Load(string source, LuaOptions? options = null)
    {
        options ??= LuaOptions.Default;
        var thread = new LuaVmThread("lua-engine-state", options.ThreadStackBytes, () => { });
        var modules = new LuaModuleSet([new LuaModule("main", System.Text.Encoding.UTF8.GetBytes(source))], []);
        var (interpreter, failure) = LuaWasmInterpreter.Create(modules, options, thread);
        if (interpreter is null)
        {
            thread.Dispose();
            throw new InvalidOperationException($"the Lua source did not load: {failure!.Description}");
        }
        return new LuaEngineState(thread, interpreter);
    }

    /// <summary>Calls a global function; its results, or an exception saying why it failed.</summary>
    public IReadOnlyList<AoValue> Call(string function, params AoValue[] arguments) =>
        _interpreter.Call(function, arguments, null) switch
        {
            LuaCallOutcome.Returned returned => returned.Values,
            LuaCallOutcome.NoFunction => throw new InvalidOperationException($"no Lua function '{function}'"),
            LuaCallOutcome.Failed { Kind: LuaFailureKind.Conversion } failed => throw new LuaConversionException(failed.Description),
            LuaCallOutcome.Failed failed => throw new InvalidOperationException($"{failed.Kind}: {failed.Description}"),
            var other => throw new InvalidOperationException($"unexpected outcome {other}"),
        };

    public void Dispose()
    {
        _interpreter.Dispose();
        _thread.Dispose();
    }
}
