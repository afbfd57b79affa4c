using System.Diagnostics.CodeAnalysis;

namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// Parses structured field values (RFC 8941 section 4.2, with RFC 9651 dates and display strings).
/// Leading and trailing spaces are ignored. Parse* throw <see cref="StructuredFieldException"/>;
/// Try* return false with the same message instead.
/// </summary>
/// <remarks>
/// Deliberate leniencies, all for values HyperBEAM produces: strings may contain any char at or above
/// U+0080; keys may contain uppercase letters; dictionary keys may also start with a digit, '%', '_' or '-'.
/// </remarks>
public static class StructuredFieldParser
{
    public static SfItem ParseItem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseItem(text.AsSpan());
    }

    public static SfItem ParseItem(ReadOnlySpan<char> text)
    {
        var reader = new SfReader(text);
        return reader.TryReadItemField(out var item) ? item : throw reader.ToException();
    }

    public static IReadOnlyList<SfMember> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseList(text.AsSpan());
    }

    public static IReadOnlyList<SfMember> ParseList(ReadOnlySpan<char> text)
    {
        var reader = new SfReader(text);
        return reader.TryReadListField(out var members) ? members : throw reader.ToException();
    }

    public static SfDictionary ParseDictionary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ParseDictionary(text.AsSpan());
    }

    public static SfDictionary ParseDictionary(ReadOnlySpan<char> text)
    {
        var reader = new SfReader(text);
        return reader.TryReadDictionaryField(out var dictionary) ? dictionary : throw reader.ToException();
    }

    public static bool TryParseItem(
        string text, [NotNullWhen(true)] out SfItem? item, [NotNullWhen(false)] out string? error)
    {
        item = null;
        if (text is null)
        {
            error = "text is null";
            return false;
        }

        var reader = new SfReader(text);
        return Outcome(reader.TryReadItemField(out item), ref reader, out error);
    }

    public static bool TryParseList(
        string text, [NotNullWhen(true)] out IReadOnlyList<SfMember>? list, [NotNullWhen(false)] out string? error)
    {
        list = null;
        if (text is null)
        {
            error = "text is null";
            return false;
        }

        var reader = new SfReader(text);
        var ok = reader.TryReadListField(out var members);
        list = members;
        return Outcome(ok, ref reader, out error);
    }

    public static bool TryParseDictionary(
        string text, [NotNullWhen(true)] out SfDictionary? dictionary, [NotNullWhen(false)] out string? error)
    {
        dictionary = null;
        if (text is null)
        {
            error = "text is null";
            return false;
        }

        var reader = new SfReader(text);
        return Outcome(reader.TryReadDictionaryField(out dictionary), ref reader, out error);
    }

    private static bool Outcome(bool ok, ref SfReader reader, [NotNullWhen(false)] out string? error)
    {
        error = ok ? null : reader.ErrorMessage;
        return ok;
    }
}
