using System.Buffers.Text;

namespace HyperBeam.Core.Ids;

/// <summary>Unpadded base64url, the textual form of IDs (32 bytes ⇄ 43 characters).</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Base64UrlEncoder(bytes);

    /// <summary>Decodes unpadded (or padded) base64url; throws <see cref="FormatException"/> on bad input.</summary>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.AsSpan().TrimEnd('=');
        if (!Base64Url_IsValid(trimmed)) throw new FormatException($"'{Shorten(text)}' is not base64url");
        return System.Buffers.Text.Base64Url.DecodeFromChars(trimmed);
    }

    public static bool TryDecode(string text, out byte[] bytes)
    {
        try
        {
            bytes = Decode(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    /// <summary>True for a 43-character base64url string that decodes to 32 bytes.</summary>
    public static bool IsHumanId(string text) =>
        text.Length == 43 && Base64Url_IsValid(text) && (text[42] is 'A' or 'E' or 'I' or 'M' or 'Q' or 'U' or 'Y' or 'c' or 'g' or 'k' or 'o' or 's' or 'w' or '0' or '4' or '8');

    private static string Base64UrlEncoder(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static bool Base64Url_IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length % 4 == 1) return false;
        foreach (var c in text)
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')) return false;
        return true;
    }

    private static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}
