using System.Buffers;

namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// Character classes of the structured field grammar: a lookup table for single chars and vectorized
/// <see cref="SearchValues{T}"/> for scanning runs.
/// </summary>
internal static class SfCharacters
{
    private const string Digits = "0123456789";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string TokenChars = Digits + Lower + Upper + "!#$%&'*+-.^_`|~:/";

    // RFC 8941 keys are lcalpha / "*" then lcalpha / DIGIT / "_" / "-" / "." / "*".
    // Uppercase is accepted too: HyperBEAM writes keys such as ao-ids members as given.
    private const string ParameterKeyStarts = Lower + Upper + "*";
    private const string ParameterKeyChars = Lower + Upper + Digits + "_-.*";

    // Dictionary keys follow HyperBEAM's parser, a superset of the RFC: it also starts keys with a
    // digit, "%", "_" or "-", because ao-types dictionaries carry list positions such as 1="list".
    private const string DictionaryKeyStarts = Lower + Upper + Digits + "*%_-";
    private const string DictionaryKeyChars = Lower + Upper + Digits + "_-.*%";

    private const string Base64Chars = Digits + Lower + Upper + "+/=";

    private const byte TokenStartFlag = 1 << 0;
    private const byte TokenCharFlag = 1 << 1;
    private const byte ParameterKeyStartFlag = 1 << 2;
    private const byte ParameterKeyCharFlag = 1 << 3;
    private const byte DictionaryKeyStartFlag = 1 << 4;
    private const byte DictionaryKeyCharFlag = 1 << 5;

    private static readonly byte[] Classes = BuildClasses();

    private static readonly SearchValues<char> TokenCharValues = SearchValues.Create(TokenChars);
    private static readonly SearchValues<char> ParameterKeyCharValues = SearchValues.Create(ParameterKeyChars);
    private static readonly SearchValues<char> DictionaryKeyCharValues = SearchValues.Create(DictionaryKeyChars);
    private static readonly SearchValues<char> Base64CharValues = SearchValues.Create(Base64Chars);

    // Where a plain run inside an sf-string ends: the closing quote, an escape, or an invalid char.
    private static readonly SearchValues<char> StringRunStops = SearchValues.Create(
        "\"\\\u007f" + string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)));

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsLowerHex(char c) => IsDigit(c) || (uint)(c - 'a') <= 5;

    public static bool IsTokenStart(char c) => Has(c, TokenStartFlag);

    public static bool IsTokenChar(char c) => Has(c, TokenCharFlag);

    public static bool IsKeyStart(char c, SfKeyKind kind) =>
        Has(c, kind == SfKeyKind.Dictionary ? DictionaryKeyStartFlag : ParameterKeyStartFlag);

    public static bool IsKeyChar(char c, SfKeyKind kind) =>
        Has(c, kind == SfKeyKind.Dictionary ? DictionaryKeyCharFlag : ParameterKeyCharFlag);

    /// <summary>Length of the leading run of token chars.</summary>
    public static int TokenCharRun(ReadOnlySpan<char> text) => RunLength(text, TokenCharValues);

    /// <summary>Length of the leading run of key chars.</summary>
    public static int KeyCharRun(ReadOnlySpan<char> text, SfKeyKind kind) =>
        RunLength(text, kind == SfKeyKind.Dictionary ? DictionaryKeyCharValues : ParameterKeyCharValues);

    /// <summary>Index of the first char that is not base64, or -1.</summary>
    public static int IndexOfNonBase64(ReadOnlySpan<char> text) => text.IndexOfAnyExcept(Base64CharValues);

    /// <summary>
    /// Index of the first char that ends a plain run in an sf-string (quote, backslash, C0 control or
    /// DEL), or -1. Everything else may appear as is: RFC 8941 allows only printable ASCII, but we also
    /// accept every char from U+0080 up because HyperBEAM's serializer writes non-ASCII text into strings
    /// verbatim, and those values must parse back.
    /// </summary>
    public static int IndexOfStringRunStop(ReadOnlySpan<char> text) => text.IndexOfAny(StringRunStops);

    private static int RunLength(ReadOnlySpan<char> text, SearchValues<char> allowed)
    {
        var end = text.IndexOfAnyExcept(allowed);
        return end < 0 ? text.Length : end;
    }

    private static bool Has(char c, byte flag) => c < 128 && (Classes[c] & flag) != 0;

    private static byte[] BuildClasses()
    {
        var classes = new byte[128];
        void Add(string chars, byte flag)
        {
            foreach (var c in chars)
            {
                classes[c] |= flag;
            }
        }

        Add(Lower + Upper + "*", TokenStartFlag);
        Add(TokenChars, TokenCharFlag);
        Add(ParameterKeyStarts, ParameterKeyStartFlag);
        Add(ParameterKeyChars, ParameterKeyCharFlag);
        Add(DictionaryKeyStarts, DictionaryKeyStartFlag);
        Add(DictionaryKeyChars, DictionaryKeyCharFlag);
        return classes;
    }
}
