namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// The text the last few dictionaries serialized on this thread gave, by dictionary instance and dialect: a
/// commitment's <c>signature</c> and <c>signature-input</c> are serialized once to build it and once more to restate
/// them in the message's HMAC commitment. Dictionaries are immutable and serialization is a function of the
/// dictionary and the dialect, so a hit is exactly what serializing again would give.
/// </summary>
internal static class RecentTexts
{
    private const int Slots = 8;

    [ThreadStatic]
    private static (SfDictionary Dictionary, StructuredFieldDialect Dialect, string Text)[]? _recent;

    [ThreadStatic]
    private static int _next;

    public static string? Find(SfDictionary dictionary, StructuredFieldDialect dialect)
    {
        if (_recent is not { } recent) return null;
        foreach (var (known, knownDialect, text) in recent)
            if (ReferenceEquals(known, dictionary) && knownDialect == dialect) return text;
        return null;
    }

    public static void Keep(SfDictionary dictionary, StructuredFieldDialect dialect, string text)
    {
        var recent = _recent ??= new (SfDictionary, StructuredFieldDialect, string)[Slots];
        recent[_next] = (dictionary, dialect, text);
        _next = (_next + 1) % Slots;
    }
}
