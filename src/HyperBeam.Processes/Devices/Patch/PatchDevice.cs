using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Processes.Devices.Patch;

/// <summary>
/// <c>patch@1.0</c> (HyperBEAM's <c>dev_patch</c>): moves data inside the state.
/// <list type="bullet">
/// <item><c>compute</c> / <c>patches</c>: the messages under the source path that have <c>method: PATCH</c> (or
///   <c>device: patch@1.0</c>) are removed from it and their keys (less <c>method</c>) written over the message at
///   the target path, in key order; other messages stay in the source.</item>
/// <item><c>all</c>: the whole source is removed and written at the target.</item>
/// <item><c>init</c>, <c>normalize</c>, <c>snapshot</c>: the state unchanged.</item>
/// </list>
/// Source: <c>patch-from</c> of the request, then of the state, then <c>from</c> likewise (default <c>/</c>); a
/// <c>req:</c> prefix reads it from the request, <c>base:</c> from the state. Target: <c>patch-to</c>/<c>to</c> the
/// same way, always in the state (HyperBEAM writes a <c>req:</c> source's patches into the request instead).
/// </summary>
public sealed class PatchDevice : Device
{
    public const string DeviceName = "patch@1.0";

    public PatchDevice() : base(DeviceName, new DeviceInfo { Exports = ["compute", "patches", "all", "init", "normalize", "snapshot"] })
    {
        Map("compute", (s, r, _) => Move(s, r, allMode: false));
        Map("patches", (s, r, _) => Move(s, r, allMode: false));
        Map("all", (s, r, _) => Move(s, r, allMode: true));
        Map("init", Unchanged);
        Map("normalize", Unchanged);
        Map("snapshot", Unchanged);
    }

    private static ValueTask<ResolveResult> Unchanged(Message state, Message request, ResolveContext context) =>
        ValueTask.FromResult(ResolveResult.Ok(state));

    private static ValueTask<ResolveResult> Move(Message state, Message request, bool allMode) =>
        ValueTask.FromResult(MoveNow(state, request, allMode));

    private static ResolveResult MoveNow(Message state, Message request, bool allMode)
    {
        var rawFrom = FirstText(request, state, "patch-from", "from") ?? "/";
        var fromRequest = false;
        var fromPath = rawFrom;
        var colon = rawFrom.TrimStart('/').IndexOf(':');
        if (colon > 0)
        {
            var trimmed = rawFrom.TrimStart('/');
            var prefix = trimmed[..colon];
            if (prefix is "req" or "base")
            {
                fromRequest = prefix == "req";
                fromPath = trimmed[(colon + 1)..];
            }
        }
        var fromParts = MessagePaths.Parts(fromPath);
        var toParts = MessagePaths.Parts(FirstText(request, state, "patch-to", "to") ?? "/");

        if (MessagePaths.Get(fromRequest ? request : state, fromParts) is not Message source)
            return ResolveResult.NotFound(rawFrom);

        Message toWrite;
        Message? remaining;
        if (allMode)
        {
            toWrite = source;
            remaining = null;
        }
        else
        {
            var patches = new MessageBuilder();
            var rest = new MessageBuilder();
            foreach (var (key, value) in source.Entries)
            {
                if (value is Message m && IsPatch(m)) patches.Set(key, m);
                else rest.Set(key, value);
            }
            toWrite = Message.Empty;
            foreach (var (_, patch) in patches.Build().Entries) toWrite = MessagePaths.Merge(toWrite, ((Message)patch).Remove("method"));
            remaining = rest.Build();
        }

        var result = fromRequest ? state : MessagePaths.Set(state, fromParts, remaining);
        var target = MessagePaths.Get(result, toParts) as Message ?? Message.Empty;
        return ResolveResult.Ok(MessagePaths.Set(result, toParts, MessagePaths.Merge(target, toWrite)));
    }

    private static bool IsPatch(Message message) =>
        string.Equals(message.GetText("method"), "PATCH", StringComparison.OrdinalIgnoreCase)
        || message.GetText("device") == DeviceName;

    private static string? FirstText(Message request, Message state, string specific, string general) =>
        request.GetText(specific) ?? state.GetText(specific) ?? request.GetText(general) ?? state.GetText(general);
}
