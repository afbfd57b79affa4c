using HyperBeam.Core.Ids;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Devices;

/// <summary>
/// <c>message@1.0</c>, the identity device (HyperBEAM's <c>dev_message</c>): every message without a device uses it,
/// and every key another device does not answer falls through to it.
/// <list type="bullet">
/// <item><c>&lt;any key&gt;</c> (default): the key's value; private keys (anything starting <c>priv</c>) are never returned.</item>
/// <item><c>keys</c>: the public keys, in canonical order.</item>
/// <item><c>set</c>: merges the request's keys in (nested messages deep-merge; value <c>unset</c> removes a key,
///   <c>undefined</c> is ignored; <c>set-mode: explicit</c> replaces nested messages instead of merging).</item>
/// <item><c>set-path</c>: sets the message's own <c>path</c> to the request's <c>value</c>.</item>
/// <item><c>remove</c>: removes <c>item</c> (a key) or <c>items</c> (a list of keys).</item>
/// <item><c>id</c>: the message ID; unsigned when the request asks for <c>commitments: none</c> (and no committers).</item>
/// <item><c>committers</c>: the committer of each commitment.</item>
/// </list>
/// </summary>
public sealed class MessageDevice : Device
{
    public const string DeviceName = "message@1.0";

    /// <summary>A <c>set</c> value that removes the key.</summary>
    public static readonly AoAtom Unset = AoAtom.Of("unset");

    /// <summary>A <c>set</c> value that leaves the key as it is.</summary>
    public static readonly AoAtom Undefined = AoAtom.Of("undefined");

    // Keys `set` never writes: they are this device's own (HyperBEAM's ?DEVICE_KEYS) plus `set-mode`.
    private static readonly HashSet<string> ReservedKeys =
        ["id", "commitments", "committers", "keys", "path", "set", "remove", "verify", "set-mode"];

    public MessageDevice() : base(DeviceName, new DeviceInfo { Default = Get })
    {
        Map("keys", Keys);
        Map("set", Set);
        Map("set-path", SetPath);
        Map("remove", Remove);
        Map("id", Id);
        Map("committers", Committers);
    }

    /// <summary>
    /// HyperBEAM treats every key that starts with <c>priv</c> as private (<c>private</c>, <c>privacy</c>…), wider
    /// than the message model's <c>priv</c>/<c>priv-*</c> split; this device hides them all.
    /// </summary>
    public static bool IsHidden(string key) => key.StartsWith("priv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A key's value as this device returns it. Keys are normalised on the way into a message, so the normalised
    /// lookup is HyperBEAM's case-insensitive fallback; ID-shaped keys stay case-sensitive in both.
    /// </summary>
    public static AoValue? GetValue(Message message, string key) => IsHidden(key) ? null : message.Get(key);

    /// <summary>Walks nested messages (and lists, by 1-based index) as this device would, one key at a time.</summary>
    public static AoValue? GetValue(Message message, ReadOnlySpan<string> path)
    {
        AoValue? current = message;
        foreach (var key in path)
        {
            current = current switch
            {
                Message m => GetValue(m, key),
                AoList l => l.GetByKey(key),
                _ => null,
            };
            if (current is null) return null;
        }
        return current;
    }

    /// <summary>HyperBEAM's <c>dev_message:set</c> on plain values: see the class summary for the rules.</summary>
    public static Message SetValues(Message @base, Message newValues, bool explicitMode = false)
    {
        // The changes are gathered, then applied in one pass over the base (a Set per key would copy the whole base
        // per key, O(n²) for a large request). Keys of a message are unique, so each is looked up in @base as it was.
        MessageBuilder? changes = null;
        HashSet<string>? removed = null;
        foreach (var (key, value) in newValues.Entries)
        {
            if (ReservedKeys.Contains(key) || IsHidden(key) || value.Equals(Undefined)) continue;
            var current = @base.Get(key);
            if (value.Equals(Unset))
            {
                if (current is not null) (removed ??= new HashSet<string>(StringComparer.Ordinal)).Add(key);
                continue;
            }
            var merged = !explicitMode && current is Message existing && value is Message incoming
                ? DeepMerge(existing, incoming)
                : value;
            if (current is null || !current.Equals(merged)) (changes ??= new MessageBuilder()).Set(key, merged);
        }
        if (changes is null && removed is null) return @base;
        var result = removed is null ? @base : @base.Where((key, _) => !removed.Contains(key));
        if (changes is not null) result = result.Merge(changes.Build());
        return DropCommitmentsIfBroken(@base, result, newValues);
    }

    /// <summary>
    /// A set that changes a committed key breaks the signatures over it, so the commitments go (as HyperBEAM's
    /// <c>dev_message:set</c>); setting a committed key to the value it already has keeps them.
    /// </summary>
    private static Message DropCommitmentsIfBroken(Message @base, Message result, Message newValues)
    {
        if (ReferenceEquals(@base, result) || @base.Get(CommittedKeys.CommitmentsKey) is not Message) return result;
        var committed = CommittedKeys.OfAll(@base);
        foreach (var (key, _) in newValues.Entries)
        {
            if (!committed.Contains(key)) continue;
            var before = @base.Get(key);
            var after = result.Get(key);
            if (before is null ? after is not null : !before.Equals(after)) return result.Remove(CommittedKeys.CommitmentsKey);
        }
        return result;
    }

    private static Message DeepMerge(Message existing, Message incoming)
    {
        var changes = new MessageBuilder();
        foreach (var (key, value) in incoming.Entries)
            changes.Set(key, existing.Get(key) is Message inner && value is Message next ? DeepMerge(inner, next) : value);
        var result = existing.Merge(changes.Build());
        return incoming.Priv.IsEmpty ? result : result.WithPriv(DeepMerge(existing.Priv, incoming.Priv));
    }

    private static ValueTask<ResolveResult> Get(Message @base, Message request, ResolveContext context) =>
        ValueTask.FromResult(GetValue(@base, context.Key) is { } value
            ? ResolveResult.Ok(value)
            : ResolveResult.NotFound(context.Key));

    private static ValueTask<ResolveResult> Keys(Message @base, Message request, ResolveContext context)
    {
        var keys = new List<AoValue>(@base.Count);
        foreach (var (key, _) in @base.Entries)
            if (!IsHidden(key)) keys.Add(AoBinary.FromString(key));
        return ValueTask.FromResult(ResolveResult.Ok(new AoList(keys)));
    }

    private static ValueTask<ResolveResult> Set(Message @base, Message request, ResolveContext context)
    {
        var explicitMode = request.Get("set-mode") is AoBinary { Text: "explicit" };
        return ValueTask.FromResult(ResolveResult.Ok(SetValues(@base, request, explicitMode)));
    }

    private static ValueTask<ResolveResult> SetPath(Message @base, Message request, ResolveContext context) =>
        ValueTask.FromResult(request.Get("value") is { } value
            ? ResolveResult.Ok(@base.Set("path", value))
            : ResolveResult.Error("set-path needs a value", ResolveErrorCodes.InvalidRequest));

    private static ValueTask<ResolveResult> Remove(Message @base, Message request, ResolveContext context)
    {
        if (request.Get("item") is { } item)
            return ValueTask.FromResult(KeyText(item) is { } key
                ? ResolveResult.Ok(@base.Remove(key))
                : ResolveResult.Error($"cannot remove a {item.TypeName} key", ResolveErrorCodes.InvalidRequest));
        if (request.Get("items") is not AoList items)
            return ValueTask.FromResult(ResolveResult.Error("remove needs an item or a list of items", ResolveErrorCodes.InvalidRequest));
        var result = @base;
        foreach (var each in items)
            if (KeyText(each) is { } key) result = result.Remove(key);
        return ValueTask.FromResult(ResolveResult.Ok(result));
    }

    private static ValueTask<ResolveResult> Id(Message @base, Message request, ResolveContext context)
    {
        // HyperBEAM: committers default to none, and commitments then default to all; only "none" for both
        // leaves the commitments out.
        var committers = Descriptor(request.Get("committers")) ?? "none";
        var commitments = Descriptor(request.Get("commitments")) ?? (committers == "none" ? "all" : "none");
        try
        {
            var id = committers == "none" && commitments == "none" ? MessageIds.Unsigned(@base) : MessageIds.All(@base);
            return ValueTask.FromResult(ResolveResult.Ok(id));
        }
        catch (FormatException e)
        {
            return ValueTask.FromResult(ResolveResult.Error($"cannot compute the message ID: {e.Message}", ResolveErrorCodes.InvalidRequest));
        }
    }

    private static ValueTask<ResolveResult> Committers(Message @base, Message request, ResolveContext context)
    {
        var committers = new List<AoValue>();
        if (@base.Get("commitments") is Message commitments)
            foreach (var (_, commitment) in commitments.Entries)
                if (commitment is Message c && c.Get("committer") is { } committer) committers.Add(committer);
        return ValueTask.FromResult(ResolveResult.Ok(new AoList(committers)));
    }

    private static string? Descriptor(AoValue? value) => value switch
    {
        null => null,
        AoList => "list",
        _ => KeyText(value) is { } text ? MessageKeys.Normalize(text) : null,
    };

    private static string? KeyText(AoValue value) => value switch
    {
        AoBinary b => b.Text,
        AoAtom a => a.Name,
        AoInteger i => MessageKeys.Normalize(i.Value),
        _ => null,
    };
}
