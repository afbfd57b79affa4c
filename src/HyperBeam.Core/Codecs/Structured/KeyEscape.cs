using System.Text;

namespace HyperBeam.Core.Codecs.Structured;

/// <summary>
/// Percent-escaping of keys inside <c>ao-types</c> (HyperBEAM's <c>hb_escape</c>): every byte outside
/// <c>a-z 0-9 . - _ / ? &amp; +</c> becomes <c>%xx</c>, so any key fits a structured-field dictionary key.
/// </summary>
public static class KeyEscape
{
    public static string Encode(string key)
    {
        var needs = false;
        foreach (var c in key)
            if (!IsSafe(c)) { needs = true; break; }
        if (!needs) return key;
        var sb = new StringBuilder(key.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            if (b < 0x80 && IsSafe((char)b)) sb.Append((char)b);
            else sb.Append('%').Append("0123456789abcdef"[b >> 4]).Append("0123456789abcdef"[b & 15]);
        }
        return sb.ToString();
    }

    public static string Decode(string escaped)
    {
        if (!escaped.Contains('%')) return escaped;
        var bytes = new List<byte>(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '%' && i + 2 < escaped.Length
                && Uri.IsHexDigit(escaped[i + 1]) && Uri.IsHexDigit(escaped[i + 2]))
            {
                bytes.Add(Convert.ToByte(escaped.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(escaped[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsSafe(char c) =>
        c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_' or '/' or '?' or '&' or '+';
}
