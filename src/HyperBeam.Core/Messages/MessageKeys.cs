using System.Globalization;

namespace HyperBeam.Core.Messages;

/// <summary>Key rules of AO-Core messages: normalisation, privacy and canonical order.</summary>
public static class MessageKeys
{
    /// <summary>Byte order of the UTF-8 encoding (code point order), which is how Erlang sorts binary keys.</summary>
    public static readonly IComparer<string> Order = new CodePointComparer();

    /// <summary>
    /// Lower-cases a key, except an ID-shaped key (32, 42 or 43 characters), whose case is significant,
    /// as HyperBEAM's <c>hb_ao:normalize_key</c> does.
    /// </summary>
    public static string Normalize(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IsIdShaped(key)) return key;
        foreach (var c in key)
            if (char.IsUpper(c)) return key.ToLowerInvariant();
        return key;
    }

    public static string Normalize(long index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>IDs are 43-char base64url (human) or 32 raw bytes; 42 is accepted as HyperBEAM does.</summary>
    public static bool IsIdShaped(string key) => key.Length is 32 or 42 or 43;

    /// <summary>Private keys (<c>priv</c>, <c>priv-*</c>, <c>priv_*</c>) never leave the node.</summary>
    public static bool IsPrivate(string key) =>
        key.StartsWith("priv", StringComparison.OrdinalIgnoreCase)
        && (key.Length == 4 || key[4] == '-' || key[4] == '_');

    /// <summary>The name a <c>priv-x</c> / <c>priv_x</c> key has inside <see cref="Message.Priv"/>: <c>x</c>.</summary>
    public static string PrivateSuffix(string privateKey) => privateKey.Length > 5 ? privateKey[5..] : privateKey;

    private sealed class CodePointComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            // The shared prefix is found with vectorised compares; only the first differing char needs a look.
            var i = x.AsSpan().CommonPrefixLength(y);
            if (i == x.Length || i == y.Length) return x.Length.CompareTo(y.Length);
            var a = x[i];
            var b = y[i];
            // UTF-16 order differs from code point order only where surrogates meet U+E000..U+FFFF.
            if (char.IsSurrogate(a) != char.IsSurrogate(b)) return char.IsSurrogate(a) ? 1 : -1;
            return a < b ? -1 : 1;
        }
    }
}
