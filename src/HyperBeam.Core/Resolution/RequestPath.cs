using System.Text;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Resolution;

/// <summary>
/// Request paths as HyperBEAM's <c>hb_path:term_to_path_parts</c> reads them: a binary split on <c>/</c> with empty
/// segments dropped, a list of such (nested lists flatten), integers and atoms as single keys. A segment
/// <c>key~device@1.0</c> resolves the key with that device (see <see cref="PathPart"/>).
/// Quirks kept from HyperBEAM: <c>"/"</c> is the empty path (resolve nothing, return the base), while <c>""</c>,
/// <c>"//"</c> and <c>[]</c> are no path at all.
/// </summary>
public static class RequestPath
{
    private const int MaxListNesting = 16;

    /// <summary>
    /// Parses a <c>path</c> value into its parts. On success a null <paramref name="parts"/> means "no path";
    /// on failure <paramref name="failure"/> is the error result (a malformed path or an over-long segment).
    /// </summary>
    public static bool TryParse(AoValue? path, int maxKeyBytes, out PathPart[]? parts, out ResolveResult failure)
    {
        failure = default;
        parts = null;
        Parts acc;
        switch (path)
        {
            case null:
                return true;
            case AoBinary b when b.Text.Length == 0:
                return true;
            case AoBinary b when b.Text == "/":
                parts = [];
                return true;
            case AoBinary b when b.Text.IndexOf('/') < 0:
                // The common single-key path: no list to build.
                if (!TryMakePart(b.Text, maxKeyBytes, out var only, out failure)) return false;
                parts = [only];
                return true;
            case AoBinary b:
                acc = new Parts(maxKeyBytes);
                if (!acc.TrySplit(b.Text, out failure)) return false;
                break;
            case AoList list:
                acc = new Parts(maxKeyBytes);
                if (!acc.TryFlatten(list, 0, out failure)) return false;
                break;
            case AoInteger or AoAtom:
                if (!TryMakePart(KeyOf(path), maxKeyBytes, out var key, out failure)) return false;
                parts = [key];
                return true;
            default:
                failure = Malformed($"a path must be a binary or a list of keys, not a {path.TypeName}");
                return false;
        }
        parts = acc.ToArray();
        return true;
    }

    /// <summary>The first key of a request's path, or null when it has none.</summary>
    public static string? Head(Message request)
    {
        var path = request.Get("path");
        if (path is AoBinary b && b.Text.IndexOf('/') < 0 && b.Text.IndexOf('~') < 0) return b.IsEmpty ? null : b.Text;
        return TryParse(path, int.MaxValue, out var parts, out _) && parts is { Length: > 0 } ? parts[0].Key : null;
    }

    /// <summary>A path of any form as one binary: <c>["a", ["b", "//b"], "c"]</c> becomes <c>a/b/b/c</c>.</summary>
    public static string ToText(AoValue path)
    {
        var sb = new StringBuilder();
        AppendText(sb, path);
        return sb.ToString();
    }

    /// <summary>UTF-8 needs at most 3 bytes per UTF-16 unit, so short segments skip the byte count.</summary>
    internal static bool FitsLimit(string segment, int maxBytes) =>
        segment.Length <= maxBytes / 3 || Encoding.UTF8.GetByteCount(segment) <= maxBytes;

    private static ResolveResult Malformed(string why) => ResolveResult.Error($"malformed path: {why}", ResolveErrorCodes.MalformedPath);

    private static string KeyOf(AoValue key) => key is AoInteger i ? MessageKeys.Normalize(i.Value) : ((AoAtom)key).Name;

    private static bool TryMakePart(string segment, int maxKeyBytes, out PathPart part, out ResolveResult failure)
    {
        part = default;
        failure = default;
        if (!FitsLimit(segment, maxKeyBytes))
        {
            failure = ResolveResult.Error(
                $"path segment of {Encoding.UTF8.GetByteCount(segment)} bytes exceeds the {maxKeyBytes}-byte limit",
                ResolveErrorCodes.KeyTooLong);
            return false;
        }
        var tilde = segment.IndexOf('~');
        if (tilde < 0)
        {
            part = new PathPart(segment);
            return true;
        }
        var device = segment[(tilde + 1)..];
        if (device.Length == 0 || device.IndexOf('~') >= 0)
        {
            failure = Malformed($"segment '{segment}' names no single device after '~'");
            return false;
        }
        part = new PathPart(segment[..tilde], device);
        return true;
    }

    private static void AppendText(StringBuilder sb, AoValue path)
    {
        switch (path)
        {
            case AoList list:
                foreach (var item in list) AppendText(sb, item);
                break;
            case AoBinary b:
                foreach (var range in b.Text.AsSpan().Split('/'))
                {
                    var segment = b.Text.AsSpan()[range];
                    if (segment.IsEmpty) continue;
                    if (sb.Length > 0) sb.Append('/');
                    sb.Append(segment);
                }
                break;
            case AoInteger or AoAtom:
                if (sb.Length > 0) sb.Append('/');
                sb.Append(KeyOf(path));
                break;
        }
    }

    /// <summary>Accumulates parts, enforcing the segment limit and the <c>~device</c> syntax.</summary>
    private readonly struct Parts(int maxKeyBytes)
    {
        private readonly List<PathPart> _parts = new(4);

        public PathPart[]? ToArray() => _parts.Count == 0 ? null : _parts.ToArray();

        public bool TrySplit(string text, out ResolveResult failure)
        {
            failure = default;
            foreach (var range in text.AsSpan().Split('/'))
            {
                var segment = text[range];
                if (segment.Length > 0 && !TryAdd(segment, out failure)) return false;
            }
            return true;
        }

        public bool TryFlatten(AoList list, int depth, out ResolveResult failure)
        {
            failure = default;
            if (depth > MaxListNesting)
            {
                failure = Malformed("path lists nest too deeply");
                return false;
            }
            foreach (var item in list)
            {
                var ok = item switch
                {
                    AoBinary b => TrySplit(b.Text, out failure),
                    AoList inner => TryFlatten(inner, depth + 1, out failure),
                    AoInteger or AoAtom => TryAdd(KeyOf(item), out failure),
                    _ => Fail($"a path list may hold keys only, not a {item.TypeName}", out failure),
                };
                if (!ok) return false;
            }
            return true;
        }

        public bool TryAdd(string segment, out ResolveResult failure)
        {
            if (!TryMakePart(segment, maxKeyBytes, out var part, out failure)) return false;
            _parts.Add(part);
            return true;
        }

        private static bool Fail(string why, out ResolveResult failure)
        {
            failure = Malformed(why);
            return false;
        }
    }
}
