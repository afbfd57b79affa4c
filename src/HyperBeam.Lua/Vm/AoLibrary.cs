using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Conversion;
using KeraLua;
using LuaState = KeraLua.Lua;

namespace HyperBeam.Lua.Vm;

/// <summary>
/// The <c>ao</c> table scripts get (dev_lua_lib): <c>ao.resolve</c>, <c>ao.get</c>, <c>ao.set</c>, <c>ao.event</c>.
/// Each call goes back into the resolver through the context of the call that is running. The functions never
/// raise a Lua error (that would unwind through .NET frames): they return <c>"error", reason</c> instead.
/// </summary>
internal sealed class AoLibrary
{
    private readonly LuaInterpreter _interpreter;
    private readonly LuaVmThread _thread;
    // Held in fields: native code keeps pointers to these delegates for the life of the state.
    private readonly LuaFunction _resolve;
    private readonly LuaFunction _get;
    private readonly LuaFunction _set;
    private readonly LuaFunction _event;

    public AoLibrary(LuaInterpreter interpreter, LuaVmThread thread)
    {
        _interpreter = interpreter;
        _thread = thread;
        _resolve = state => HostCall(state, Resolve);
        _get = state => HostCall(state, Get);
        _set = state => HostCall(state, Set);
        _event = state => HostCall(state, Event, readArguments: false);
    }

    /// <summary>Adds the functions to the global <c>ao</c> table, keeping whatever a module already put there.</summary>
    public void Install(LuaState lua)
    {
        lua.RawGetInteger(LuaRegistry.Index, (long)LuaRegistryIndex.Globals);
        LuaValueWriter.PushText(lua, "ao");
        if (lua.RawGet(-2) != LuaType.Table)
        {
            lua.Pop(1);
            lua.NewTable();
            LuaValueWriter.PushText(lua, "ao");
            lua.PushCopy(-2);
            lua.RawSet(-4);
        }
        foreach (var (name, function) in new[] { ("resolve", _resolve), ("get", _get), ("set", _set), ("event", _event) })
        {
            LuaValueWriter.PushText(lua, name);
            lua.PushCFunction(function);
            lua.RawSet(-3);
        }
        lua.Pop(2);
    }

    /// <summary>
    /// Runs a callback with the memory cap lifted (so no Lua API call in it can raise) and turns any .NET failure
    /// into <c>"error", reason</c>: no exception may cross back into native code.
    /// </summary>
    private int HostCall(IntPtr state, Func<LuaState, IReadOnlyList<AoValue>, IReadOnlyList<AoValue>> body, bool readArguments = true)
    {
        var lua = LuaState.FromIntPtr(state);
        var memory = _interpreter.Memory;
        var enforcing = memory.Enforcing;
        memory.Enforcing = false;
        var top = lua.GetTop();
        try
        {
            var arguments = new AoValue[readArguments ? top : 0];
            for (var i = 0; i < arguments.Length; i++) arguments[i] = LuaValueReader.Read(lua, i + 1);
            var results = body(lua, arguments);
            lua.CheckStack(results.Count + 4);
            foreach (var result in results) LuaValueWriter.Push(lua, result);
            return results.Count;
        }
        catch (Exception e)
        {
            lua.SetTop(top);
            LuaValueWriter.PushText(lua, "error");
            LuaValueWriter.PushText(lua, e is LuaHostCallException host ? host.Message : e.Message);
            return 2;
        }
        finally
        {
            memory.Enforcing = enforcing;
        }
    }

    /// <summary>
    /// <c>ao.resolve(msg)</c> resolves the message's own <c>path</c> on it (a singleton request);
    /// <c>ao.resolve(base, "a/b")</c> a path on a base; <c>ao.resolve(m1, m2, …)</c> a sequence, where an element
    /// <c>{"as", device, msg}</c> is resolved as that device. Returns <c>status, value</c>.
    /// </summary>
    private IReadOnlyList<AoValue> Resolve(LuaState lua, IReadOnlyList<AoValue> arguments)
    {
        var context = _interpreter.CurrentContext;
        var result = arguments switch
        {
            [Message single] when single.Get("path") is not null =>
                _thread.WaitFor(() => context.ResolveAsync(single.Remove("path"), single)),
            [AoBinary path] => _thread.WaitFor(() => context.ResolveAsync(Message.Empty, path.Text)),
            [AoList steps] => _thread.WaitFor(() => context.ResolveManyAsync([.. steps.Select(ToInput)])),
            [var @base, AoBinary path] => _thread.WaitFor(() => context.ResolveAsync(@base, path.Text)),
            [_, _, ..] => _thread.WaitFor(() => context.ResolveManyAsync([.. arguments.Select(ToInput)])),
            _ => throw new ArgumentException("ao.resolve takes a message with a path, a base and a path, or a sequence of messages"),
        };
        return [ResolveStatusNames.ToAtom(result.Status).Name, result.Value];
    }

    /// <summary><c>ao.get(base, path)</c>: the value, or <c>nil</c> when the resolution is not ok.</summary>
    private IReadOnlyList<AoValue> Get(LuaState lua, IReadOnlyList<AoValue> arguments)
    {
        if (arguments is not [var @base, AoBinary path]) throw new ArgumentException("ao.get takes a base and a path");
        var context = _interpreter.CurrentContext;
        var result = _thread.WaitFor(() => context.ResolveAsync(@base, path.Text));
        return [result.IsOk ? result.Value : AoAtom.Null];
    }

    /// <summary><c>ao.set(base, key, value)</c> or <c>ao.set(base, {k = v, …})</c>: the new message, or <c>nil, reason</c>.</summary>
    private IReadOnlyList<AoValue> Set(LuaState lua, IReadOnlyList<AoValue> arguments)
    {
        var context = _interpreter.CurrentContext;
        var result = arguments switch
        {
            [var @base, AoBinary key, var value] => _thread.WaitFor(() => context.SetAsync(@base, key.Text, value)),
            [var @base, Message values] => _thread.WaitFor(() => context.SetAsync(@base, values)),
            [var @base, AoList { Count: 0 }] => ResolveResult.Ok(@base),
            _ => throw new ArgumentException("ao.set takes a base, a key and a value, or a base and a table of values"),
        };
        return result.IsOk ? [result.Value] : [AoAtom.Null, result.ErrorMessage ?? result.Value.ToString()];
    }

    /// <summary><c>ao.event(...)</c>: acknowledged with <c>"ok"</c>; its arguments (any Lua values) are not read.</summary>
    private static IReadOnlyList<AoValue> Event(LuaState lua, IReadOnlyList<AoValue> arguments) => [(AoValue)"ok"];

    private static ResolveInput ToInput(AoValue value) => value switch
    {
        AoList { Count: 3 } list when list[0] is AoBinary { Text: "as" } && list[1] is AoBinary device && list[2] is Message request =>
            ResolveInput.As(device.Text, request),
        AoList { Count: 3 } list when list[0] is AoBinary { Text: "as" } && list[1] is AoBinary device && list[2] is AoBinary path =>
            ResolveInput.As(device.Text, path.Text),
        _ => ResolveInput.Of(value),
    };
}
