using System.Security.Cryptography;
using HyperBeam.Core.Ids;

namespace HyperBeam.Codecs.HttpSig;

/// <summary>
/// The modulus an RSA signature's <c>keyid</c> names (base64url) and its address (base64url of its SHA-256). Decoding a
/// signed request reads the same 683-character key twice or three times (the committer at decoding, the check of the
/// signature): the last key decoded on the thread is kept, compared by content. A pure function of the text, so
/// nothing about whether a signature verifies is kept.
/// </summary>
internal static class SignerKeys
{
    [ThreadStatic]
    private static SignerKey? _last;

    /// <summary>False when <paramref name="keyId"/> is not base64url of a non-empty modulus.</summary>
    public static bool TryRead(string keyId, out byte[] modulus, out string address)
    {
        if (_last is { } last && string.Equals(last.KeyId, keyId, StringComparison.Ordinal))
        {
            (modulus, address) = (last.Modulus, last.Address);
            return true;
        }
        if (!Base64Url.TryDecode(keyId, out var decoded) || decoded.Length == 0)
        {
            (modulus, address) = ([], "");
            return false;
        }
        var key = new SignerKey(keyId, decoded, Base64Url.Encode(SHA256.HashData(decoded)));
        _last = key;
        (modulus, address) = (key.Modulus, key.Address);
        return true;
    }

    private sealed record SignerKey(string KeyId, byte[] Modulus, string Address);
}
