using System.Text;

namespace HyperBeam.Http.Singleton;

/// <summary>
/// Parenthesis-aware splitting, as HyperBEAM's <c>part/2</c> and <c>path_parts/2</c>: a separator inside
/// <c>( … )</c> does not split, so a sub-path stays one segment. Unlike HyperBEAM, which keeps an unmatched
/// parenthesis as a literal character, unbalanced parentheses are an error here.
/// </summary>
internal static class PathScanner
{
    private const int QuoteLimit = 80;

    /// <summary>The text before the first separator outside parentheses, that separator, and the rest.</summary>
    public static (char? Separator, string Before, string After) SplitFirst(string text, ReadOnlySpan<char> separators)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (depth == 0 && separators.Contains(c)) return (c, text[..i], text[(i + 1)..]);
        }
        return (null, text, "");
    }

    /// <summary>
    /// The non-empty parts of <paramref name="text"/> between separators outside parentheses, each at most
    /// <paramref name="maxBytes"/> UTF-8 bytes (HyperBEAM's 512-byte segment limit).
    /// </summary>
    public static List<string> Split(string text, char separator, int maxBytes)
    {
        EnsureBalanced(text);
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > 0)
        {
            var (found, part, after) = SplitFirst(rest, [separator]);
            if (part.Length > 0)
            {
                var bytes = part.Length <= maxBytes / 3 ? part.Length : Encoding.UTF8.GetByteCount(part);
                if (bytes > maxBytes)
                    throw new SingletonParseException($"path segment of {bytes} bytes exceeds the {maxBytes}-byte limit: '{Quote(part)}'");
                parts.Add(part);
            }
            if (found is null) break;
            rest = after;
        }
        return parts;
    }

    /// <summary>Whether the text is a sub-path: <c>( … )</c> around the whole of it.</summary>
    public static bool IsSubpath(string text) => text.Length >= 2 && text[0] == '(' && text[^1] == ')';

    public static void EnsureBalanced(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '(') depth++;
            else if (c == ')' && --depth < 0)
                throw new SingletonParseException($"unbalanced parentheses: a ')' closes nothing in '{Quote(text)}'");
        }
        if (depth > 0) throw new SingletonParseException($"unbalanced parentheses: {depth} '(' left open in '{Quote(text)}'");
    }

    /// <summary>Text for an error message, cut short so a hostile path cannot make the error huge.</summary>
    public static string Quote(string text) => text.Length <= QuoteLimit ? text : text[..QuoteLimit] + "…";
}
