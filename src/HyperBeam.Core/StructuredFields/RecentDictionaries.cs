using System.Diagnostics.CodeAnalysis;

namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// Structured-field dictionaries parsed once per text on each thread, for the fields read over and over while one
/// message is checked: a signed request's <c>signature-input</c> is read for its HMAC commitment, its signature, and
/// the keys it covers (three more times in the HTTP pipeline). Keyed by the string instance, not its content: a
/// commitment's value hands out the same instance each time, so a hit is the very text parsed before. A few entries
/// per thread, overwritten in turn, so nothing is kept past the next few parses. The result is shared: callers
/// must not modify it (a byte sequence is an array).
/// </summary>
public static class RecentDictionaries
{
    private const int Slots = 8;

    [ThreadStatic]
    private static KeyValuePair<string, SfDictionary>[]? _recent;

    [ThreadStatic]
    private static int _next;

    /// <summary><see cref="StructuredFieldParser.ParseDictionary(string)"/>, or the dictionary it gave for this instance.</summary>
    public static SfDictionary Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Find(text) ?? Keep(text, StructuredFieldParser.ParseDictionary(text));
    }

    /// <summary><see cref="StructuredFieldParser.TryParseDictionary"/>, or the dictionary it gave for this instance.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SfDictionary? dictionary)
    {
        ArgumentNullException.ThrowIfNull(text);
        dictionary = Find(text);
        if (dictionary is not null) return true;
        if (!StructuredFieldParser.TryParseDictionary(text, out dictionary, out _)) return false;
        Keep(text, dictionary);
        return true;
    }

    /// <summary>
    /// Records that <paramref name="text"/>, which the caller has just serialized from <paramref name="parsed"/>, parses
    /// back to it (serializing and parsing a dictionary round-trips its value), so that reading the text again on this
    /// thread is not a parse. The decoder builds each commitment's texts from the dictionaries it parsed this way.
    /// </summary>
    public static void Remember(string text, SfDictionary parsed)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(parsed);
        Keep(text, parsed);
    }

    private static SfDictionary? Find(string text)
    {
        if (_recent is not { } recent) return null;
        foreach (var (key, parsed) in recent)
            if (ReferenceEquals(key, text)) return parsed;
        return null;
    }

    private static SfDictionary Keep(string text, SfDictionary parsed)
    {
        var recent = _recent ??= new KeyValuePair<string, SfDictionary>[Slots];
        recent[_next] = new(text, parsed);
        _next = (_next + 1) % Slots;
        return parsed;
    }
}
