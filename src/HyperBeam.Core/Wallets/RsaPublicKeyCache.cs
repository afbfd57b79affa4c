using System.Security.Cryptography;

namespace HyperBeam.Core.Wallets;

/// <summary>
/// Imported RSA public keys, per thread, by modulus: importing a key costs about twice a 4096-bit verification, and
/// a node verifies many items from few signers. Per-thread so that no RSA object is ever used concurrently.
/// </summary>
internal static class RsaPublicKeyCache
{
    private const int Capacity = 64;

    [ThreadStatic]
    private static Dictionary<string, RSA>? _keys;

    /// <summary>The key for a modulus (exponent 65537). Throws <see cref="CryptographicException"/> for a modulus .NET rejects.</summary>
    public static RSA For(ReadOnlySpan<byte> modulus)
    {
        // The key of the last check first: one comparison instead of a 683-character name to build and hash.
        if (_last is { } last && modulus.SequenceEqual(last.Modulus)) return last.Key;
        var keys = _keys ??= new Dictionary<string, RSA>(StringComparer.Ordinal);
        var id = Convert.ToBase64String(modulus);
        if (keys.TryGetValue(id, out var cached))
        {
            _last = new LastKey(modulus.ToArray(), cached);
            return cached;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(new RSAParameters { Modulus = modulus.ToArray(), Exponent = [0x01, 0x00, 0x01] });
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
        if (keys.Count >= Capacity)
        {
            // Simple and bounded: start over rather than track recency.
            foreach (var old in keys.Values) old.Dispose();
            keys.Clear();
        }
        keys[id] = rsa;
        _last = new LastKey(modulus.ToArray(), rsa);
        return rsa;
    }

    [ThreadStatic]
    private static LastKey? _last;

    private sealed record LastKey(byte[] Modulus, RSA Key);
}
