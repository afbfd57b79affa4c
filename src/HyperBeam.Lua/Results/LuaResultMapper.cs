using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Vm;

namespace HyperBeam.Lua.Results;

/// <summary>
/// Turns what a Lua function returned into a resolution result, as dev_lua's <c>process_response</c>:
/// <list type="bullet">
/// <item><c>return value</c> is <c>ok</c> with that value (nothing or nil: <c>ok</c> with the atom null);</item>
/// <item><c>return status, value</c> uses the status (<c>"ok"</c>, <c>"error"</c>, <c>"not_found"</c>, <c>"skip"</c>,
/// <c>"pass"</c>, <c>"created"</c>, <c>"failure"</c>, <c>"unavailable"</c>); later values are ignored;</item>
/// <item>a message result keeps the base's private part, as HyperBEAM carries <c>priv</c> forward;</item>
/// <item>a Lua error becomes <c>error</c> with <c>{status: 500, body: error, trace: traceback}</c>.</item>
/// </list>
/// </summary>
internal static class LuaResultMapper
{
    public static ResolveResult ToResult(LuaCallOutcome.Returned returned, Message @base)
    {
        var values = returned.Values;
        if (values.Count <= 1) return ResolveResult.Ok(WithPriv(values.Count == 0 ? AoAtom.Null : values[0], @base));
        if (!ResolveStatusNames.TryParse(values[0], out var status))
            return LuaReplies.Status(500, $"a Lua function returned the unknown status {values[0]}; expected \"ok\", \"error\", …");
        var value = WithPriv(values[1], @base);
        return status == ResolveStatus.Ok ? ResolveResult.Ok(value) : new ResolveResult(status, value, Describe(value));
    }

    public static ResolveResult ToResult(LuaCallOutcome.Failed failed)
    {
        var reason = failed.Kind switch
        {
            LuaFailureKind.LoadError => $"Lua module failed to load: {failed.Description}",
            LuaFailureKind.Conversion => $"Lua value conversion failed: {failed.Description}",
            _ => $"Lua error: {failed.Description}",
        };
        var body = Message.Of(("status", 500), ("body", failed.Error), ("kind", KindName(failed.Kind)));
        if (failed.Trace is { } trace) body = body.Set("trace", trace);
        return new ResolveResult(ResolveStatus.Error, body, reason);
    }

    private static AoValue WithPriv(AoValue value, Message @base) =>
        value is Message message && !@base.Priv.IsEmpty ? message.WithPriv(@base.Priv) : value;

    private static string Describe(AoValue value) => value switch
    {
        AoBinary text => text.Text,
        Message message when message.GetText("body") is { } body => body,
        _ => value.ToString(),
    };

    private static string KindName(LuaFailureKind kind) => kind switch
    {
        LuaFailureKind.ScriptError => "script-error",
        LuaFailureKind.LoadError => "load-error",
        LuaFailureKind.InstructionBudget => "instruction-budget",
        LuaFailureKind.MemoryLimit => "memory-limit",
        LuaFailureKind.Conversion => "conversion",
        LuaFailureKind.WallTime => "wall-time",
        LuaFailureKind.EngineTrap => "engine-trap",
        _ => "disposed",
    };
}
