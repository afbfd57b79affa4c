using System.Numerics;
using System.Security.Cryptography;

namespace HyperBeam.Core.Wallets;

/// <summary>
/// RSA-PSS verification (RFC 8017 EMSA-PSS-VERIFY, MGF1 with the message hash) that reads the salt length from
/// the signature instead of requiring one. HyperBEAM's <c>rsa_pss:verify</c> does the same, and signers in the wild
/// differ: HyperBEAM and this port salt with the hash length, while Node's crypto (arweave-js, arbundles) salts
/// with the maximum the key allows. .NET's <see cref="RSASignaturePadding.Pss"/> only accepts the hash length.
/// </summary>
internal static class RsaPssVerifier
{
    private static readonly BigInteger Exponent = new(Wallet.PublicExponent);

    public static bool Verify(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        var n = new BigInteger(modulus, isUnsigned: true, isBigEndian: true);
        if (n.Sign <= 0 || n.IsEven) return false;
        var modBits = (int)n.GetBitLength();
        var k = (modBits + 7) / 8;
        if (signature.Length != k) return false;

        var s = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        if (s >= n) return false;

        var mHash = Hash(hash, data);
        var hLen = mHash.Length;
        var emBits = modBits - 1;
        var emLen = (emBits + 7) / 8;
        if (emLen < hLen + 2) return false;

        var m = BigInteger.ModPow(s, Exponent, n);
        var em = new byte[emLen];
        if (m.GetByteCount(isUnsigned: true) > emLen) return false;
        m.TryWriteBytes(em.AsSpan(emLen - m.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);

        if (em[^1] != 0xBC) return false;
        var dbLen = emLen - hLen - 1;
        var maskedDb = em.AsSpan(0, dbLen);
        var h = em.AsSpan(dbLen, hLen);
        var unusedBits = 8 * emLen - emBits;
        var topMask = (byte)(0xFF >> unusedBits);
        if ((maskedDb[0] & ~topMask) != 0) return false;

        var db = Mgf1(hash, h, dbLen);
        for (var i = 0; i < dbLen; i++) db[i] ^= maskedDb[i];
        db[0] &= topMask;

        var separator = db.AsSpan().IndexOfAnyExcept((byte)0);
        if (separator < 0 || db[separator] != 0x01) return false;
        var salt = db.AsSpan(separator + 1);

        var mPrime = new byte[8 + hLen + salt.Length];
        mHash.CopyTo(mPrime.AsSpan(8));
        salt.CopyTo(mPrime.AsSpan(8 + hLen));
        return CryptographicOperations.FixedTimeEquals(Hash(hash, mPrime), h);
    }

    private static byte[] Mgf1(HashAlgorithmName hash, ReadOnlySpan<byte> seed, int length)
    {
        var output = new byte[length];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input);
        var written = 0;
        for (uint counter = 0; written < length; counter++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(seed.Length), counter);
            var block = Hash(hash, input);
            var take = Math.Min(block.Length, length - written);
            block.AsSpan(0, take).CopyTo(output.AsSpan(written));
            written += take;
        }
        return output;
    }

    private static byte[] Hash(HashAlgorithmName hash, ReadOnlySpan<byte> data) => hash.Name switch
    {
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        "SHA512" => SHA512.HashData(data),
        _ => throw new ArgumentException($"unsupported hash algorithm '{hash.Name}'", nameof(hash)),
    };
}
