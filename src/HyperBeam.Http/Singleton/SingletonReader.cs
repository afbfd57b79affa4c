using System.Collections.Immutable;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// HyperBEAM's <c>hb_singleton:from/1</c>, stage by stage (see <see cref="SingletonParser"/> for the grammar).
/// Failures throw <see cref="SingletonParseException"/>; the facade turns them into values where asked.
/// </summary>
internal sealed class SingletonReader(int maxSegmentBytes, int maxDepth, int maxKeys = int.MaxValue)
{
    private const string PathKey = "path";
    private const int PayloadTooLarge = 413;

    public List<ResolveInput> From(Message request, int depth)
    {
        if (depth > maxDepth)
            throw new SingletonParseException($"sub-paths nest more than {maxDepth} deep");
        var (_, pathText, queryText) = PathScanner.SplitFirst(RawPath(request), ['?']);

        // 1. The request's own keys, then the query's (which win, and are typed as they are read).
        var keys = new SortedDictionary<string, AoValue>(MessageKeys.Order);
        foreach (var (key, value) in request.Entries)
            if (key != PathKey) keys[key] = value;
        if (queryText.Length > 0)
            foreach (var (key, value) in InlineKeys(queryText, Message.Empty, depth).Entries) keys[key] = value;

        // 2. One step per path segment; a base message goes first unless the path starts with an ID, `as` or `( )`.
        var steps = new List<ResolveInput>();
        foreach (var raw in PathScanner.Split(pathText, '/', maxSegmentBytes))
        {
            // HyperBEAM decodes each segment twice (once when splitting the path, once per segment), so `%252F` is
            // a `/` that splits too. Kept for compatibility.
            var decoded = PercentDecoding.Decode(PercentDecoding.Decode(raw));
            foreach (var segment in PathScanner.Split(decoded, '/', maxSegmentBytes)) steps.Add(Part(segment, depth));
        }
        if (steps.Count > 0 && steps[0] is ValueInput { Value: Message }) steps.Insert(0, new ValueInput(Message.Empty));

        // 3 and 4. Type every key, then sort them into global keys and `N.key` keys for step N.
        var global = new MessageBuilder();
        var scoped = new Dictionary<int, MessageBuilder>();
        foreach (var (rawKey, rawValue) in keys)
        {
            var (typedKey, value) = Typed(rawKey, rawValue, depth);
            var (step, key) = StepScope.Parse(typedKey);
            CheckKey(key, typedKey);
            if (step is not { } n)
            {
                global.Set(key, value);
                continue;
            }
            if (n >= steps.Count)
                throw new SingletonParseException(
                    $"'{PathScanner.Quote(typedKey)}' names step {n}, but the path has {(steps.Count == 0 ? "no steps" : $"steps 0..{steps.Count - 1}")}");
            if (steps[n] is not (ValueInput { Value: Message } or AsInput))
                throw new SingletonParseException($"'{PathScanner.Quote(typedKey)}' names step {n}, which is an ID or a sub-path and takes no keys");
            if (!scoped.TryGetValue(n, out var builder)) scoped[n] = builder = new MessageBuilder();
            builder.Set(key, value);
        }

        // 5. Merge: step keys, then global keys, then the step's own `N.` keys, each overriding the one before.
        var globalKeys = global.Build();
        for (var i = 0; i < steps.Count; i++)
        {
            var own = scoped.TryGetValue(i, out var b) ? b.Build() : Message.Empty;
            steps[i] = steps[i] switch
            {
                ValueInput { Value: Message m } => new ValueInput(Merge(m, globalKeys, own)),
                // HyperBEAM merges the keys only into an `as` step with an empty path (`~dev@1.0`); the grammar says
                // a key applies to every step, so here every `as` step gets them.
                AsInput a => new AsInput(a.Device, Merge(a.Request, globalKeys, own)),
                var other => other,
            };
        }
        return steps;
    }

    private static string RawPath(Message request) => request.Get(PathKey) switch
    {
        null => "",
        AoBinary b when b.IsUtf8 => b.Text,
        AoBinary => throw new SingletonParseException("the path is not UTF-8 text"),
        var other => throw new SingletonParseException($"the path must be text, not a {other.TypeName}"),
    };

    /// <summary>
    /// One segment (HyperBEAM's <c>parse_part</c>): an ID, a <c>( … )</c> sub-path, <c>key</c>,
    /// <c>key&amp;k=v…</c>, <c>key~device&amp;k=v…</c> or <c>key=value&amp;k=v…</c> (the step <c>{path: key, key: value, …}</c>).
    /// </summary>
    private ResolveInput Part(string segment, int depth)
    {
        if (IsId(segment)) return new ValueInput(AoBinary.FromString(segment));
        if (PathScanner.IsSubpath(segment)) return Subpath(segment[1..^1], segment, depth);
        var (separator, key, rest) = PathScanner.SplitFirst(segment, ['&', '~', '+', '=']);
        var start = Message.Empty.Set(PathKey, key);
        switch (separator)
        {
            case null:
                return new ValueInput(start);
            case '&':
                return new ValueInput(InlineKeys(rest, start, depth));
            case '=':
                // The newest hb_singleton: `key=value` names the step and gives it its own key, as `key&key=value`.
                return new ValueInput(InlineKeys(segment, start, depth));
            case '~':
                var (_, device, inline) = PathScanner.SplitFirst(rest, ['&']);
                if (device.Length == 0) throw new SingletonParseException($"segment '{PathScanner.Quote(segment)}' names no device after '~'");
                if (PathScanner.IsSubpath(device))
                    throw new SingletonParseException($"segment '{PathScanner.Quote(segment)}': a device given by a sub-path is not supported");
                return new AsInput(device, InlineKeys(inline, start, depth));
            default:
                // The newest hb_singleton reads `x+type=v` as `x&x+type=v`: the step x, with x typed (the May 2025
                // one failed here with a function_clause error).
                return new ValueInput(InlineKeys(segment, start, depth));
        }
    }

    /// <summary><c>k1=v1&amp;k2&amp;k3+integer=3</c> set on <paramref name="start"/>: a bare key is <c>true</c>.</summary>
    private Message InlineKeys(string text, Message start, int depth)
    {
        var message = start.ToBuilder();
        foreach (var pair in PathScanner.Split(text, '&', maxSegmentBytes))
        {
            var (equals, rawKey, rawValue) = PathScanner.SplitFirst(pair, ['=']);
            string key;
            AoValue value;
            if (equals is null)
            {
                if (PathScanner.SplitFirst(rawKey, ['+']).Separator is not null)
                    throw new SingletonParseException($"'{PathScanner.Quote(rawKey)}' has a type but no value to apply it to");
                (key, value) = (rawKey, AoAtom.True);
            }
            else
            {
                AoValue parsed = PathScanner.IsSubpath(rawValue)
                    ? SubresolutionValue.ToValue(Subpath(rawValue[1..^1], rawValue, depth))
                    : AoBinary.FromString(rawValue);
                (key, value) = Typed(rawKey, parsed, depth);
            }
            message.Set(CheckKey(key, pair), value);
        }
        return message.Build();
    }

    /// <summary>HyperBEAM's <c>maybe_typed</c>: <c>key+type</c> applies the type to the value and drops it from the key.</summary>
    private (string Key, AoValue Value) Typed(string rawKey, AoValue value, int depth)
    {
        var (plus, key, type) = PathScanner.SplitFirst(rawKey, ['+']);
        if (plus is null) return (rawKey, value);
        CheckKey(key, rawKey);
        if (type.Equals(TypedValue.Resolve, StringComparison.OrdinalIgnoreCase))
        {
            // HyperBEAM documents `k+resolve=(/a/b)` but crashes on it; both that and `k+resolve=/a/b` work here.
            if (SubresolutionValue.TryRead(value, out _)) return (key, value);
            // An empty path resolves nothing: HyperBEAM's `{resolve, []}`.
            if (value is AoBinary { IsEmpty: true }) return (key, SubresolutionValue.ToValue(new SubresolveInput([])));
            if (value is AoBinary path) return (key, SubresolutionValue.ToValue(Subpath(path.Text, path.Text, depth)));
            throw new SingletonParseException($"'{PathScanner.Quote(rawKey)}' needs a path to resolve, not a {value.TypeName}");
        }
        return value switch
        {
            AoBinary binary => (key, TypedValue.Decode(key, type, binary)),
            _ when SubresolutionValue.TryRead(value, out _) =>
                throw new SingletonParseException($"'{PathScanner.Quote(rawKey)}': a sub-path's result cannot be typed here; use {key}+resolve"),
            _ => throw new SingletonParseException($"'{PathScanner.Quote(rawKey)}' types a {value.TypeName}; only text values can be typed"),
        };
    }

    /// <summary>The steps of a sub-path, parsed as a request of its own (so it has its own base and query).</summary>
    private SubresolveInput Subpath(string path, string context, int depth)
    {
        var inner = From(Message.Empty.Set(PathKey, path), depth + 1);
        if (inner.Count == 0) throw new SingletonParseException($"the sub-path '{PathScanner.Quote(context)}' is empty");
        return new SubresolveInput(inner.ToImmutableArray());
    }

    private static string CheckKey(string key, string context)
    {
        if (key.Length == 0) throw new SingletonParseException($"'{PathScanner.Quote(context)}' has an empty key");
        // A request must not reach a message's private part (hashpaths, node state).
        if (MessageKeys.IsPrivate(key)) throw new SingletonParseException($"'{PathScanner.Quote(key)}' is a private key; a request cannot set it");
        return key;
    }

    /// <summary>
    /// An ID segment: 43 (or 42, as HyperBEAM allows) base64url characters. HyperBEAM goes by length alone, so any
    /// 32- or 43-byte segment (even <c>key&amp;k=v</c>) would become an ID there; here it must look like one.
    /// </summary>
    internal static bool IsId(string segment)
    {
        if (segment.Length is not (42 or 43)) return false;
        foreach (var c in segment)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return true;
    }

    /// <summary>
    /// A merged step, with any <c>ao-types</c> among its keys applied to them (HyperBEAM converts every step
    /// from TABM with <c>structured@1.0</c>); a step without <c>ao-types</c> is left as it is.
    /// </summary>
    private Message Merge(Message step, Message global, Message own)
    {
        // One linear merge each: a Set per key would copy the whole step per key, O(n²) for a body of n keys.
        var merged = step.Merge(global).Merge(own);
        if (merged.Count > maxKeys)
            throw new SingletonParseException(
                $"a step of the request has {merged.Count} keys, more than the limit (max-keys) of {maxKeys}", PayloadTooLarge);
        if (merged.Get(AoTypeNames.AoTypesKey) is not AoBinary) return merged;
        var tabm = new MessageBuilder();
        foreach (var (k, v) in merged.Entries)
            if (v is AoBinary) tabm.Set(k, v);
        try
        {
            return merged.Remove(AoTypeNames.AoTypesKey).Merge(StructuredCodec.FromTabm(tabm.Build()));
        }
        catch (CodecException e)
        {
            throw new SingletonParseException($"the request's ao-types do not apply: {e.Message}");
        }
    }
}
