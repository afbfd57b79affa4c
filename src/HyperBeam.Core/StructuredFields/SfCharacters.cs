namespace HyperBeam.Core.StructuredFields;

/// <summary>Character classes of the structured field grammar, as one lookup table over ASCII.</summary>
internal static class SfCharacters
{
    private const ushort Digit = 1 << 0;
    private const ushort Alpha = 1 << 1;
    private const ushort TChar = 1 << 2;
    private const ushort TokenChar = 1 << 3;
    private const ushort ParameterKeyStart = 1 << 4;
    private const ushort ParameterKeyChar = 1 << 5;
    private const ushort DictionaryKeyStart = 1 << 6;
    private const ushort DictionaryKeyChar = 1 << 7;
    private const ushort Base64Char = 1 << 8;

    private static readonly ushort[] Classes = BuildClasses();

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsTokenStart(char c) => c == '*' || Has(c, Alpha);

    public static bool IsTokenChar(char c) => Has(c, TokenChar);

    public static bool IsBase64Char(char c) => Has(c, Base64Char);

    public static bool IsKeyStart(char c, SfKeyKind kind) =>
        Has(c, kind == SfKeyKind.Dictionary ? DictionaryKeyStart : ParameterKeyStart);

    public static bool IsKeyChar(char c, SfKeyKind kind) =>
        Has(c, kind == SfKeyKind.Dictionary ? DictionaryKeyChar : ParameterKeyChar);

    public static bool IsLowerHex(char c) => IsDigit(c) || (uint)(c - 'a') <= 5;

    /// <summary>Whether <paramref name="c"/> may appear unescaped inside an sf-string when parsing.</summary>
    /// <remarks>
    /// RFC 8941 allows only printable ASCII (0x20-0x7E). We also accept every char at or above 0x80
    /// because HyperBEAM's serializer writes non-ASCII text into strings verbatim, and those values
    /// must parse back. DEL and the C0 controls stay invalid.
    /// </remarks>
    public static bool IsStringChar(char c) => (c >= 0x20 && c < 0x7F) || c >= 0x80;

    private static bool Has(char c, ushort flag) => c < 128 && (Classes[c] & flag) != 0;

    private static ushort[] BuildClasses()
    {
        var classes = new ushort[128];
        void Add(string chars, ushort flag)
        {
            foreach (var c in chars)
            {
                classes[c] |= flag;
            }
        }

        const string digits = "0123456789";
        const string lower = "abcdefghijklmnopqrstuvwxyz";
        const string upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

        Add(digits, Digit);
        Add(lower + upper, Alpha);
        Add(digits + lower + upper + "!#$%&'*+-.^_`|~", TChar);
        Add(digits + lower + upper + "!#$%&'*+-.^_`|~" + ":/", TokenChar);

        // RFC 8941 keys are lcalpha / "*" then lcalpha / DIGIT / "_" / "-" / "." / "*".
        // Uppercase is accepted too: HyperBEAM writes keys such as ao-ids members as given.
        Add(lower + upper + "*", ParameterKeyStart);
        Add(lower + upper + digits + "_-.*", ParameterKeyChar);

        // Dictionary keys follow HyperBEAM's parser, a superset of the RFC: it also starts keys with a
        // digit, "%", "_" or "-", because ao-types dictionaries carry list positions such as 1="list".
        Add(lower + upper + digits + "*%_-", DictionaryKeyStart);
        Add(lower + upper + digits + "_-.*%", DictionaryKeyChar);

        Add(digits + lower + upper + "+/=", Base64Char);
        return classes;
    }
}
