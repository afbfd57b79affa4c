using System.Security.Cryptography;

namespace HyperBeam.Core.Resolution;

/// <summary>The chaining functions behind <see cref="HashpathAlgorithm"/>.</summary>
public static class HashpathAlgorithms
{
    public const string Sha256ChainName = "sha-256-chain";
    public const string Accumulate256Name = "accumulate-256";

    public static bool TryParse(string? name, out HashpathAlgorithm algorithm)
    {
        algorithm = HashpathAlgorithm.Sha256Chain;
        switch (name)
        {
            case null or Sha256ChainName: return true;
            case Accumulate256Name: algorithm = HashpathAlgorithm.Accumulate256; return true;
            default: return false;
        }
    }

    public static byte[] Apply(HashpathAlgorithm algorithm, ReadOnlySpan<byte> id1, ReadOnlySpan<byte> id2) =>
        algorithm == HashpathAlgorithm.Accumulate256 ? Accumulate(id1, id2) : Sha256Chain(id1, id2);

    /// <summary>SHA-256(ID1 ‖ ID2); ID1 must be a native 32-byte ID.</summary>
    public static byte[] Sha256Chain(ReadOnlySpan<byte> id1, ReadOnlySpan<byte> id2)
    {
        RequireNativeId(id1);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(id1);
        sha.AppendData(id2);
        return sha.GetHashAndReset();
    }

    /// <summary>(ID1 + SHA-256(ID1 ‖ ID2)) mod 2^256, both read as big-endian unsigned integers.</summary>
    public static byte[] Accumulate(ReadOnlySpan<byte> id1, ReadOnlySpan<byte> id2)
    {
        var chained = Sha256Chain(id1, id2);
        var sum = new byte[32];
        var carry = 0;
        for (var i = 31; i >= 0; i--)
        {
            var s = id1[i] + chained[i] + carry;
            sum[i] = (byte)s;
            carry = s >> 8;
        }
        return sum;
    }

    private static void RequireNativeId(ReadOnlySpan<byte> id)
    {
        // HyperBEAM throws cannot_chain_bad_ids here; callers only ever pass decoded 43-char IDs.
        if (id.Length != 32) throw new ArgumentException($"a hashpath base must be a 32-byte ID, not {id.Length} bytes", nameof(id));
    }
}
