using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace HyperBeam.Core.Tests.Wallets;

/// <summary>
/// RSA-PSS signing with a chosen salt length (RFC 8017 EMSA-PSS-ENCODE + RSASP1), which .NET's API cannot do:
/// it produces the signatures other signers make, e.g. Node's maximum-length salts, for the verifier to accept.
/// </summary>
internal static class PssTestSigner
{
    public static byte[] Sign(RSAParameters key, ReadOnlySpan<byte> data, int saltLength)
    {
        var n = new BigInteger(key.Modulus, true, true);
        var modBits = (int)n.GetBitLength();
        var emLen = (modBits - 1 + 7) / 8;
        var mHash = SHA256.HashData(data);
        var salt = RandomNumberGenerator.GetBytes(saltLength);

        var mPrime = new byte[8 + mHash.Length + saltLength];
        mHash.CopyTo(mPrime, 8);
        salt.CopyTo(mPrime, 8 + mHash.Length);
        var h = SHA256.HashData(mPrime);

        var dbLen = emLen - h.Length - 1;
        var db = new byte[dbLen];
        db[dbLen - saltLength - 1] = 0x01;
        salt.CopyTo(db, dbLen - saltLength);
        var mask = Mgf1(h, dbLen);
        for (var i = 0; i < dbLen; i++) db[i] ^= mask[i];
        db[0] &= (byte)(0xFF >> (8 * emLen - (modBits - 1)));

        var em = new byte[emLen];
        db.CopyTo(em, 0);
        h.CopyTo(em, dbLen);
        em[^1] = 0xBC;

        var s = BigInteger.ModPow(new BigInteger(em, true, true), new BigInteger(key.D, true, true), n);
        var k = key.Modulus!.Length;
        var signature = new byte[k];
        s.TryWriteBytes(signature.AsSpan(k - s.GetByteCount(true)), out _, true, true);
        return signature;
    }

    private static byte[] Mgf1(byte[] seed, int length)
    {
        var output = new byte[length];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input, 0);
        for (int counter = 0, written = 0; written < length; counter++)
        {
            BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(seed.Length), counter);
            var block = SHA256.HashData(input);
            var take = Math.Min(block.Length, length - written);
            block.AsSpan(0, take).CopyTo(output.AsSpan(written));
            written += take;
        }
        return output;
    }
}
