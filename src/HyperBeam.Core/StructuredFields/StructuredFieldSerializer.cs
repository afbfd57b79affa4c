using System.Buffers;
using System.Globalization;
using System.Text;

namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// Serializes structured field values (RFC 8941 section 4.1, with RFC 9651 dates and display strings).
/// Invalid values (numbers out of range, bad tokens or keys, unpaired surrogates in display strings)
/// throw <see cref="StructuredFieldException"/>. The StringBuilder overloads append to the builder and
/// leave it as it was if serialization fails.
/// </summary>
/// <remarks>
/// Strings follow HyperBEAM, not the RFC: only <c>\</c> and <c>"</c> are escaped and every other char,
/// including non-ASCII and control characters, is written as is. HyperBEAM message IDs are computed
/// over those bytes, so they must match exactly. Dictionaries take a <see cref="StructuredFieldDialect"/>
/// for the one place the two serializers otherwise disagree (boolean true members).
/// </remarks>
public static class StructuredFieldSerializer
{
    private const long MaxInteger = 999_999_999_999_999;
    private const decimal DecimalIntegerLimit = 1_000_000_000_000m;
    private const int StackBase64Chars = 512;

    public static string SerializeItem(SfItem item) => Text(item, static (sb, value) => SerializeItem(value, sb));

    public static StringBuilder SerializeItem(SfItem item, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Atomically(output, item, static (sb, value) => AppendItem(sb, value));
    }

    public static string SerializeList(IEnumerable<SfMember> list) =>
        Text(list, static (sb, value) => SerializeList(value, sb));

    public static StringBuilder SerializeList(IEnumerable<SfMember> list, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(list);
        return Atomically(output, list, static (sb, value) => AppendList(sb, value));
    }

    public static string SerializeDictionary(SfDictionary dictionary) =>
        SerializeDictionary(dictionary, StructuredFieldDialect.Rfc);

    /// <summary>
    /// The dictionary as text. The same instance serialized again on this thread gives back the same string: a
    /// commitment's <c>signature</c> and <c>signature-input</c> are serialized, then restated whole in the HMAC
    /// commitment (the dictionary is immutable and the text a function of it and the dialect).
    /// </summary>
    public static string SerializeDictionary(SfDictionary dictionary, StructuredFieldDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        if (RecentTexts.Find(dictionary, dialect) is { } known) return known;
        var text = Text((dictionary, dialect), static (sb, state) => SerializeDictionary(state.dictionary, sb, state.dialect));
        RecentTexts.Keep(dictionary, dialect, text);
        return text;
    }

    public static StringBuilder SerializeDictionary(SfDictionary dictionary, StringBuilder output) =>
        SerializeDictionary(dictionary, output, StructuredFieldDialect.Rfc);

    public static StringBuilder SerializeDictionary(
        SfDictionary dictionary, StringBuilder output, StructuredFieldDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        return Atomically(
            output, (dictionary, dialect), static (sb, state) => AppendDictionary(sb, state.dictionary, state.dialect));
    }

    public static string SerializeBareItem(SfBareItem item) => Text(item, static (sb, value) => SerializeBareItem(value, sb));

    public static StringBuilder SerializeBareItem(SfBareItem item, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Atomically(output, item, static (sb, value) => AppendBareItem(sb, value));
    }

    /// <summary>Parameters in wire form, each prefixed with <c>;</c> (empty parameters give an empty string).</summary>
    public static string SerializeParameters(SfParameters parameters) =>
        Text(parameters, static (sb, value) => SerializeParameters(value, sb));

    public static StringBuilder SerializeParameters(SfParameters parameters, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Atomically(output, parameters, static (sb, value) => AppendParameters(sb, value));
    }

    /// <summary>An item or inner list on its own, as it appears inside a list.</summary>
    public static string SerializeMember(SfMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Text(member, static (sb, value) => Atomically(sb, value, static (sb2, v) => AppendMember(sb2, v)));
    }

    /// <summary>Longest builder kept for the next serialization on the thread (longer ones are left to the GC).</summary>
    private const int MaxScratchChars = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? _scratch;

    /// <summary>
    /// What <paramref name="append"/> writes, as a string, built in a builder the thread reuses: a signature header
    /// is over a kilobyte (a 683-character key, a 684-character signature), and a fresh builder grows to it in chunks.
    /// </summary>
    private static string Text<T>(T value, Action<StringBuilder, T> append)
    {
        // Taken off the thread while in use, so that a serialization nested in another gets a builder of its own.
        var sb = _scratch ?? new StringBuilder(256);
        _scratch = null;
        sb.Clear();
        try
        {
            append(sb, value);
            return sb.ToString();
        }
        finally
        {
            if (sb.Capacity <= MaxScratchChars) _scratch = sb;
        }
    }

    private static StringBuilder Atomically<T>(StringBuilder output, T value, Action<StringBuilder, T> append)
    {
        ArgumentNullException.ThrowIfNull(output);
        var start = output.Length;
        try
        {
            append(output, value);
            return output;
        }
        catch (StructuredFieldException)
        {
            output.Length = start;
            throw;
        }
    }

    private static void AppendList(StringBuilder sb, IEnumerable<SfMember> list)
    {
        if (list is IReadOnlyList<SfMember> indexed)
        {
            for (var i = 0; i < indexed.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                AppendMember(sb, indexed[i]);
            }

            return;
        }

        var first = true;
        foreach (var member in list)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            AppendMember(sb, member);
            first = false;
        }
    }

    private static void AppendDictionary(StringBuilder sb, SfDictionary dictionary, StructuredFieldDialect dialect)
    {
        for (var i = 0; i < dictionary.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            var (key, member) = dictionary[i];
            AppendKey(sb, key, SfKeyKind.Dictionary);
            if (dialect == StructuredFieldDialect.Rfc && member is SfItem { Value: SfBoolean { Value: true } })
            {
                AppendParameters(sb, member.Parameters);
            }
            else
            {
                sb.Append('=');
                AppendMember(sb, member);
            }
        }
    }

    private static void AppendMember(StringBuilder sb, SfMember member)
    {
        switch (member)
        {
            case SfItem item:
                AppendItem(sb, item);
                break;
            case SfInnerList innerList:
                AppendInnerList(sb, innerList);
                break;
            case null:
                throw new StructuredFieldException("a list or dictionary member is null");
            default:
                throw new StructuredFieldException($"unsupported member type {member.GetType().Name}");
        }
    }

    private static void AppendInnerList(StringBuilder sb, SfInnerList innerList)
    {
        sb.Append('(');
        var items = innerList.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            AppendItem(sb, items[i] ?? throw new StructuredFieldException("an inner list item is null"));
        }

        sb.Append(')');
        AppendParameters(sb, innerList.Parameters);
    }

    private static void AppendItem(StringBuilder sb, SfItem item)
    {
        AppendBareItem(sb, item.Value);
        AppendParameters(sb, item.Parameters);
    }

    private static void AppendParameters(StringBuilder sb, SfParameters parameters)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            var (key, value) = parameters[i];
            sb.Append(';');
            AppendKey(sb, key, SfKeyKind.Parameter);
            if (value is SfBoolean { Value: true })
            {
                continue;
            }

            sb.Append('=');
            AppendBareItem(sb, value);
        }
    }

    private static void AppendKey(StringBuilder sb, string key, SfKeyKind kind)
    {
        if (key.Length == 0
            || !SfCharacters.IsKeyStart(key[0], kind)
            || SfCharacters.KeyCharRun(key.AsSpan(1), kind) != key.Length - 1)
        {
            var what = kind == SfKeyKind.Dictionary ? "dictionary" : "parameter";
            throw new StructuredFieldException($"'{key}' is not a valid {what} key");
        }

        sb.Append(key);
    }

    private static void AppendBareItem(StringBuilder sb, SfBareItem item)
    {
        switch (item)
        {
            case SfInteger integer:
                AppendInteger(sb, integer.Value, "an integer");
                break;
            case SfDecimal number:
                AppendDecimal(sb, number.Value);
                break;
            case SfString text:
                AppendString(sb, text.Value);
                break;
            case SfToken token:
                AppendToken(sb, token.Value);
                break;
            case SfByteSequence bytes:
                AppendByteSequence(sb, bytes.Value);
                break;
            case SfBoolean boolean:
                sb.Append(boolean.Value ? "?1" : "?0");
                break;
            case SfDate date:
                sb.Append('@');
                AppendInteger(sb, date.Seconds, "a date");
                break;
            case SfDisplayString displayString:
                AppendDisplayString(sb, displayString.Value);
                break;
            case null:
                throw new StructuredFieldException("a bare item is null");
            default:
                throw new StructuredFieldException($"unsupported bare item type {item.GetType().Name}");
        }
    }

    private static void AppendInteger(StringBuilder sb, long value, string what)
    {
        if (value is > MaxInteger or < -MaxInteger)
        {
            throw new StructuredFieldException($"{what} must be within ±{MaxInteger}, got {value}");
        }

        AppendDigits(sb, value);
    }

    private static void AppendDigits(StringBuilder sb, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        sb.Append(digits[..written]);
    }

    private static void AppendDecimal(StringBuilder sb, decimal value)
    {
        var rounded = decimal.Round(value, 3, MidpointRounding.ToEven);
        var magnitude = Math.Abs(rounded);
        if (magnitude >= DecimalIntegerLimit)
        {
            throw new StructuredFieldException(
                $"a decimal has at most 12 integer digits, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        // Sign of the rounded value, so -0.0001 becomes "0.0" rather than "-0.0".
        if (rounded < 0)
        {
            sb.Append('-');
        }

        var integerPart = decimal.Truncate(magnitude);
        AppendDigits(sb, (long)integerPart);
        sb.Append('.');

        var thousandths = (int)((magnitude - integerPart) * 1000);
        if (thousandths == 0)
        {
            sb.Append('0');
            return;
        }

        sb.Append((char)('0' + (thousandths / 100)));
        var rest = thousandths % 100;
        if (rest != 0)
        {
            sb.Append((char)('0' + (rest / 10)));
            if (rest % 10 != 0)
            {
                sb.Append((char)('0' + (rest % 10)));
            }
        }
    }

    // HyperBEAM compatibility: escape only backslash and quote, pass everything else through unchanged.
    private static void AppendString(StringBuilder sb, string value)
    {
        sb.Append('"');
        var rest = value.AsSpan();
        int special;
        while ((special = rest.IndexOfAny('"', '\\')) >= 0)
        {
            sb.Append(rest[..special]).Append('\\').Append(rest[special]);
            rest = rest[(special + 1)..];
        }

        sb.Append(rest).Append('"');
    }

    private static void AppendToken(StringBuilder sb, string token)
    {
        if (token.Length == 0
            || !SfCharacters.IsTokenStart(token[0])
            || SfCharacters.TokenCharRun(token.AsSpan(1)) != token.Length - 1)
        {
            throw new StructuredFieldException(
                $"'{token}' is not a valid token (a letter or '*', then token characters, ':' or '/')");
        }

        sb.Append(token);
    }

    private static void AppendByteSequence(StringBuilder sb, byte[] bytes)
    {
        var length = ((bytes.Length + 2) / 3) * 4;
        char[]? rented = null;
        var chars = length <= StackBase64Chars
            ? stackalloc char[StackBase64Chars]
            : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            Convert.TryToBase64Chars(bytes, chars, out var written);
            sb.Append(':').Append(chars[..written]).Append(':');
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static void AppendDisplayString(StringBuilder sb, string value)
    {
        sb.Append("%\"");
        Span<byte> utf8 = stackalloc byte[4];
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var c = rest[0];
            if (c is >= ' ' and <= '~' and not '%' and not '"')
            {
                sb.Append(c);
                rest = rest[1..];
                continue;
            }

            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done)
            {
                throw new StructuredFieldException("a display string contains an unpaired surrogate");
            }

            var count = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < count; i++)
            {
                sb.Append('%').Append(LowerHex[utf8[i] >> 4]).Append(LowerHex[utf8[i] & 0xF]);
            }

            rest = rest[consumed..];
        }

        sb.Append('"');
    }

    private static ReadOnlySpan<char> LowerHex => "0123456789abcdef";
}
