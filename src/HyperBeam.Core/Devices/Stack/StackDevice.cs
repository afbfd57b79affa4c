using System.Runtime.CompilerServices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Devices;

/// <summary>
/// <c>stack@1.0</c> (HyperBEAM's <c>dev_stack</c>): runs the devices listed in <c>device-stack</c> (a message keyed
/// <c>1..n</c>, or a list) on whatever key is asked of it.
/// <list type="bullet">
/// <item><c>&lt;any key&gt;</c>, <c>mode: fold</c> (default; the request's <c>mode</c> wins over the base's): each device in
///   turn resolves the key on the state left by the one before. A device that does not answer the key (not found)
///   is skipped. Statuses steer the fold: <c>skip</c> ends it early, <c>pass</c> restarts it from the first device with
///   <c>pass</c> incremented (until the state's <c>passes</c>, if set). A non-message ok result is returned as is.
///   While a device runs, the state's <c>device</c> is that device, <c>device-key</c> its number, and
///   <c>input-prefix</c>/<c>output-prefix</c> come from <c>input-prefixes</c>/<c>output-prefixes</c> for it when given;
///   afterwards the stack restores its own <c>device</c>, prefixes and <c>pass</c>.</item>
/// <item><c>&lt;any key&gt;</c>, <c>mode: map</c>: resolves the key with every device on the same base and returns
///   <c>{name: result}</c> for each device that answered ok.</item>
/// <item><c>transform</c>: the message with <c>stack-transformer@1.0</c> as its device, so the next path part picks one
///   device of the stack by name (<c>/transform/&lt;name&gt;/&lt;key&gt;</c>).</item>
/// <item><c>set</c>, <c>keys</c>: left to <c>message@1.0</c>. With <c>stack-keys</c> set, only those keys are routed.</item>
/// </list>
/// </summary>
public sealed class StackDevice : Device
{
    public const string DeviceName = "stack@1.0";

    private static readonly DeviceInfo RouterInfo = new() { Handler = Route, Excludes = ["set", "keys"] };
    private static readonly ConditionalWeakTable<AoValue, DeviceInfo> InfoByStackKeys = new();
    private static readonly AoValue FirstPass = new AoInteger(1);

    public StackDevice() : base(DeviceName, RouterInfo) { }

    public override DeviceInfo InfoFor(Message @base) =>
        @base.Get("stack-keys") is { } keys
            ? InfoByStackKeys.GetValue(keys, static k => RouterInfo with { Exports = KeyList(k) })
            : RouterInfo;

    /// <summary>
    /// The state with the stack's device named <paramref name="name"/> swapped in (HyperBEAM's <c>transform</c>):
    /// ok with the new state, not found past the end of the stack, an error when there is no <c>device-stack</c>.
    /// </summary>
    internal static ResolveResult Transform(Message state, string name, AoValue deviceKey)
    {
        var stack = MessageDevice.GetValue(state, "device-stack");
        if (stack is null) return ResolveResult.Error($"{DeviceName}: the message has no device-stack");
        var device = stack switch
        {
            Message m => MessageDevice.GetValue(m, name),
            AoList l => l.GetByKey(name),
            _ => null,
        };
        if (device is null) return ResolveResult.NotFound(name);
        var next = state.Set("device", device).Set("device-key", deviceKey);
        // A device without its own prefix keeps the one in force, as HyperBEAM's `set` ignores `undefined`.
        if (MessageDevice.GetValue(state, ["input-prefixes", name]) is { } input) next = next.Set("input-prefix", input);
        if (MessageDevice.GetValue(state, ["output-prefixes", name]) is { } output) next = next.Set("output-prefix", output);
        return ResolveResult.Ok(next);
    }

    private static ValueTask<ResolveResult> Route(Message @base, Message request, ResolveContext context)
    {
        if (DeviceKeyComparer.Instance.Equals(context.Key, "transform"))
            return ValueTask.FromResult(ResolveResult.Ok(@base.Set("device", StackTransformerDevice.DeviceName)));
        var mode = MessageDevice.GetValue(request, "mode") ?? MessageDevice.GetValue(@base, "mode");
        return (mode as AoBinary)?.Text.ToLowerInvariant() switch
        {
            null when mode is null => FoldAsync(@base, request, context),
            "fold" => FoldAsync(@base, request, context),
            "map" => MapAsync(@base, request, context),
            _ => ValueTask.FromResult(ResolveResult.Error($"{DeviceName}: unknown mode {mode}; expected Fold or Map")),
        };
    }

    private static async ValueTask<ResolveResult> FoldAsync(Message @base, Message request, ResolveContext context)
    {
        var state = @base.Set("pass", FirstPass);
        var number = 1;
        while (true)
        {
            var name = MessageKeys.Normalize(number);
            var transformed = Transform(state, name, new AoInteger(number));
            if (transformed.Status == ResolveStatus.NotFound) break;
            if (!transformed.IsOk) return transformed;

            var result = await context.ResolveAsync(transformed.Value, request).ConfigureAwait(false);
            switch (result.Status)
            {
                case ResolveStatus.Ok when result.Value is Message next:
                    state = next;
                    number++;
                    continue;
                case ResolveStatus.Ok:
                    return result;
                case ResolveStatus.NotFound:
                    state = (Message)transformed.Value;
                    number++;
                    continue;
                case ResolveStatus.Skip when result.Value is Message skipped:
                    return ResolveResult.Ok(Restore(skipped, @base));
                case ResolveStatus.Pass when result.Value is Message passed:
                    var pass = (MessageDevice.GetValue(passed, "pass") as AoInteger)?.Value ?? 1;
                    if (MessageDevice.GetValue(passed, "passes") is AoInteger limit && pass >= limit.Value)
                        return ResolveResult.Ok(Restore(passed, @base));
                    // Each pass re-enters the stack, so passes spend the recursion budget like nested calls do.
                    if (context.Depth + pass > context.Options.MaxDepth) return ResolveResult.InfiniteRecursion((int)Math.Min(int.MaxValue, context.Depth + pass));
                    state = passed.Set("pass", new AoInteger(pass + 1));
                    number = 1;
                    continue;
                default:
                    return Failed(number, transformed.Value, result);
            }
        }
        return ResolveResult.Ok(Restore(state, @base));
    }

    private static async ValueTask<ResolveResult> MapAsync(Message @base, Message request, ResolveContext context)
    {
        var stack = MessageDevice.GetValue(@base, "device-stack") switch
        {
            Message m => m,
            AoList l => l.ToNumberedMessage(),
            _ => null,
        };
        if (stack is null) return ResolveResult.Error($"{DeviceName}: the message has no device-stack");
        var results = new MessageBuilder();
        for (var i = 0; i < stack.Count; i++)
        {
            var name = stack.Entries[i].Key;
            if (name is "path" or Hashpath.PrivateKey) continue;
            var transformed = Transform(@base, name, AoBinary.FromString(name));
            if (!transformed.IsOk) return transformed;
            var result = await context.ResolveAsync(transformed.Value, request).ConfigureAwait(false);
            if (result.IsOk) results.Set(name, result.Value);
        }
        return ResolveResult.Ok(results.Build());
    }

    /// <summary>
    /// Puts the stack's own keys back as they were before the fold. HyperBEAM restores the prefixes from the last
    /// step's <c>previous-*</c> keys (wrong once devices have their own prefixes) and leaves those keys behind;
    /// this restores the originals and leaves nothing behind.
    /// </summary>
    private static Message Restore(Message state, Message original)
    {
        var result = state.Remove("device-key");
        foreach (var key in (ReadOnlySpan<string>)["device", "input-prefix", "output-prefix", "pass"])
            result = original.Get(key) is { } value ? result.Set(key, value) : result.Remove(key);
        return result;
    }

    private static ResolveResult Failed(int number, AoValue state, ResolveResult inner)
    {
        // Runaway recursion keeps its own identity so the HTTP layer can still answer 508.
        if (inner.ErrorCode == ResolveErrorCodes.InfiniteRecursion) return inner;
        var device = (state as Message)?.Get("device");
        return ResolveResult.Error($"{DeviceName}: device {number} ({device}) failed: {inner}", inner.ErrorCode);
    }

    private static string[] KeyList(AoValue keys) => keys switch
    {
        AoList l => l.OfType<AoBinary>().Select(b => b.Text).ToArray(),
        Message m => m.Entries.ToArray().Select(e => e.Value).OfType<AoBinary>().Select(b => b.Text).ToArray(),
        AoBinary b => [b.Text],
        _ => [],
    };
}
