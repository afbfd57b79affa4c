using System.Diagnostics.CodeAnalysis;
using System.Text;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// Steps → one request message (HyperBEAM's <c>hb_singleton:to/1</c>). Where HyperBEAM writes a key that appears
/// in one step as <c>N.key</c> and any other once (losing per-step values), this writes a key once only when every
/// keyed step holds the same value, and as <c>N.key</c> otherwise, so more sequences survive the round trip.
/// Every result is parsed back and compared, which is what decides whether the steps can be written at all.
/// </summary>
internal static class SingletonWriter
{
    private const string PathKey = "path";

    public static bool TryWrite(IReadOnlyList<ResolveInput> steps, [NotNullWhen(true)] out Message? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (!TryBuild(steps, out var built, out error)) return false;
        if (!SingletonParser.TryParse(built, out var parsed, out var parseError))
        {
            error = $"the steps cannot be written as a singleton path: {parseError.Message}";
            return false;
        }
        if (!StepEquality.SequenceEqual(parsed, steps))
        {
            error = "the steps cannot be written as a singleton path: the written path does not parse back to them";
            return false;
        }
        request = built;
        return true;
    }

    private static bool TryBuild(IReadOnlyList<ResolveInput> steps, out Message request, [NotNullWhen(false)] out string? error)
    {
        request = Message.Empty;
        var segments = new List<string>();
        var keyed = new List<(int Index, Message Keys)>();
        for (var i = 0; i < steps.Count; i++)
        {
            switch (steps[i])
            {
                case ValueInput { Value: AoBinary id } when SingletonReader.IsId(id.Text):
                    segments.Add(id.Text);
                    break;
                case ValueInput { Value: Message m } when i == 0 && !m.ContainsKey(PathKey):
                    keyed.Add((0, m));
                    break;
                case ValueInput { Value: Message m } when m.Get(PathKey) is AoBinary path:
                    segments.Add(path.Text);
                    keyed.Add((i, m.Remove(PathKey)));
                    break;
                case AsInput a:
                    segments.Add(((a.Request.Get(PathKey) as AoBinary)?.Text ?? "") + "~" + a.Device);
                    keyed.Add((i, a.Request.Remove(PathKey)));
                    break;
                case SubresolveInput s:
                    if (!TrySubpath(s, out var subpath, out error)) return false;
                    segments.Add("(" + subpath.TrimStart('/') + ")");
                    break;
                default:
                    error = $"step {i} ({steps[i]}) has no singleton form: it must be a base message, a message with a text path, an ID, an `as` or a sub-resolution";
                    return false;
            }
        }

        var output = new MessageBuilder().Set(PathKey, "/" + string.Join('/', segments));
        foreach (var key in keyed.SelectMany(k => k.Keys.Keys).Distinct(StringComparer.Ordinal))
        {
            var holders = keyed.Where(k => k.Keys.ContainsKey(key)).ToList();
            var shared = holders.Count == keyed.Count && holders.All(h => h.Keys.Get(key)!.Equals(holders[0].Keys.Get(key)));
            foreach (var (index, keys) in shared ? holders.Take(1) : holders)
            {
                if (!TryWriteKey(shared ? key : $"{index}.{key}", keys.Get(key)!, out var writtenKey, out var value, out error)) return false;
                output.Set(writtenKey, value);
            }
        }
        request = output.Build();
        error = null;
        return true;
    }

    /// <summary>A value as the request carries it: text as it is, scalars as <c>key+type</c>, sub-resolutions as <c>key+resolve</c>.</summary>
    private static bool TryWriteKey(string key, AoValue value, out string writtenKey, out AoValue written, [NotNullWhen(false)] out string? error)
    {
        error = null;
        (writtenKey, written) = (key, value);
        switch (value)
        {
            case AoBinary:
                return true;
            case Message m when SubresolutionValue.TryRead(m, out var sub):
                if (!TrySubpath(sub, out var path, out error)) return false;
                (writtenKey, written) = (key + "+resolve", AoBinary.FromString(path));
                return true;
            case Message:
            case AoList list when list.Any(item => item is Message or AoList):
                // Nested values travel as they are: typing applies to text values only, so the parser keeps them.
                return true;
            default:
                var (type, encoded) = StructuredCodec.EncodeValue(value);
                (writtenKey, written) = ($"{key}+{type}", AoBinary.FromString(Encoding.UTF8.GetString(encoded)));
                return true;
        }
    }

    /// <summary>A sub-resolution as a path; its steps may carry no keys beyond their paths, as a sub-path has nowhere to put them.</summary>
    private static bool TrySubpath(SubresolveInput sub, out string path, [NotNullWhen(false)] out string? error)
    {
        path = "";
        if (!TryBuild(sub.Steps, out var inner, out error)) return false;
        if (inner.Count > 1)
        {
            error = $"a sub-resolution's steps carry keys ({string.Join(", ", inner.Keys.Where(k => k != PathKey))}) that a sub-path cannot hold";
            return false;
        }
        path = ((AoBinary)inner.Get(PathKey)!).Text;
        return true;
    }
}
