using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Vm;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// The <c>ao</c> table scripts get (dev_lua_lib): <c>ao.resolve</c>, <c>ao.get</c>, <c>ao.set</c>, <c>ao.event</c>, answered by
/// the host. Each call goes back into the resolver through the context of the call that is running, blocking the
/// VM's own thread (and only it) until the resolution completes. Never throws: a failure comes back to Lua as
/// <c>"error", reason</c>.
/// </summary>
internal sealed class AoHostCalls(LuaVmThread thread, Func<ResolveContext> currentContext)
{
    public const int ResolveOp = 0, GetOp = 1, SetOp = 2, EventOp = 3;

    public IReadOnlyList<AoValue> Answer(int op, IReadOnlyList<AoValue> arguments)
    {
        try
        {
            return op switch
            {
                ResolveOp => Resolve(arguments),
                GetOp => Get(arguments),
                SetOp => Set(arguments),
                EventOp => ["ok"],
                _ => throw new ArgumentException($"unknown ao host call {op}"),
            };
        }
        catch (Exception e)
        {
            return ["error", e is LuaHostCallException host ? host.Message : e.Message];
        }
    }

    /// <summary>
    /// <c>ao.resolve(msg)</c> resolves the message's own <c>path</c> on it (a singleton request);
    /// <c>ao.resolve(base, "a/b")</c> a path on a base; <c>ao.resolve(m1, m2, …)</c> a sequence, where an element
    /// <c>{"as", device, msg}</c> is resolved as that device. Returns <c>status, value</c>.
    /// </summary>
    private IReadOnlyList<AoValue> Resolve(IReadOnlyList<AoValue> arguments)
    {
        var context = currentContext();
        var result = arguments switch
        {
            [Message single] when single.Get("path") is not null =>
                thread.WaitFor(() => context.ResolveAsync(single.Remove("path"), single)),
            [AoBinary path] => thread.WaitFor(() => context.ResolveAsync(Message.Empty, path.Text)),
            [AoList steps] => thread.WaitFor(() => context.ResolveManyAsync([.. steps.Select(ToInput)])),
            [var @base, AoBinary path] => thread.WaitFor(() => context.ResolveAsync(@base, path.Text)),
            [_, _, ..] => thread.WaitFor(() => context.ResolveManyAsync([.. arguments.Select(ToInput)])),
            _ => throw new ArgumentException("ao.resolve takes a message with a path, a base and a path, or a sequence of messages"),
        };
        return [ResolveStatusNames.ToAtom(result.Status).Name, result.Value];
    }

    /// <summary><c>ao.get(base, path)</c>: the value, or <c>nil</c> when the resolution is not ok.</summary>
    private IReadOnlyList<AoValue> Get(IReadOnlyList<AoValue> arguments)
    {
        if (arguments is not [var @base, AoBinary path]) throw new ArgumentException("ao.get takes a base and a path");
        var context = currentContext();
        var result = thread.WaitFor(() => context.ResolveAsync(@base, path.Text));
        return [result.IsOk ? result.Value : AoAtom.Null];
    }

    /// <summary><c>ao.set(base, key, value)</c> or <c>ao.set(base, {k = v, …})</c>: the new message, or <c>nil, reason</c>.</summary>
    private IReadOnlyList<AoValue> Set(IReadOnlyList<AoValue> arguments)
    {
        var context = currentContext();
        var result = arguments switch
        {
            [var @base, AoBinary key, var value] => thread.WaitFor(() => context.SetAsync(@base, key.Text, value)),
            [var @base, Message values] => thread.WaitFor(() => context.SetAsync(@base, values)),
            [var @base, AoList { Count: 0 }] => ResolveResult.Ok(@base),
            _ => throw new ArgumentException("ao.set takes a base, a key and a value, or a base and a table of values"),
        };
        return result.IsOk ? [result.Value] : [AoAtom.Null, result.ErrorMessage ?? result.Value.ToString()];
    }

    private static ResolveInput ToInput(AoValue value) => value switch
    {
        AoList { Count: 3 } list when list[0] is AoBinary { Text: "as" } && list[1] is AoBinary device && list[2] is Message request =>
            ResolveInput.As(device.Text, request),
        AoList { Count: 3 } list when list[0] is AoBinary { Text: "as" } && list[1] is AoBinary device && list[2] is AoBinary path =>
            ResolveInput.As(device.Text, path.Text),
        _ => ResolveInput.Of(value),
    };
}
