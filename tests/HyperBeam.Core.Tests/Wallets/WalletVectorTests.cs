using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Tests.Vectors;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Core.Tests.Wallets;

/// <summary>
/// ar_wallet and hb_util against HyperBEAM's outputs (tests/vectors/wallet.json, key test/key-1.json).
/// RSA-PSS signatures are randomised, so the recorded ones are checked by verifying them.
/// </summary>
public class WalletVectorTests
{
    private static JsonElement V => VectorFile.Vectors("wallet.json");

    private static byte[] Modulus => Base64Url.Decode(V.GetProperty("public_key_n_b64url").GetString()!);

    public static IEnumerable<object[]> Base64UrlCases =>
        V.GetProperty("b64url_vectors").EnumerateArray()
            .Select(v => new object[] { v.GetProperty("raw_b64").GetString()!, v.GetProperty("hb_util_encode").GetString()! });

    public static IEnumerable<object[]> IdCases =>
        V.GetProperty("human_id_native_id").EnumerateArray()
            .Select(v => new object[] { v.GetProperty("human").GetString()!, v.GetProperty("native_b64").GetString()! });

    public static IEnumerable<object[]> SignExamples => [["sign_example", "SHA256"], ["sign_example_sha384", "SHA384"]];

    [Fact]
    public void Address_is_base64url_of_sha256_of_the_modulus()
    {
        Assert.Equal(V.GetProperty("public_key_n_bytes").GetInt32(), Modulus.Length);
        Assert.Equal(V.GetProperty("address_human").GetString(), Wallet.AddressOf(Modulus));
        Assert.Equal(V.GetProperty("sha256_n_check").GetString(), Base64Url.Encode(SHA256.HashData(Modulus)));
    }

    [Theory]
    [MemberData(nameof(Base64UrlCases))]
    public void Base64url_matches_hb_util_encode(string rawBase64, string expected)
    {
        var raw = Convert.FromBase64String(rawBase64);
        Assert.Equal(expected, Base64Url.Encode(raw));
        Assert.Equal(raw, Base64Url.Decode(expected));
    }

    [Theory]
    [MemberData(nameof(IdCases))]
    public void Human_and_native_ids_convert_both_ways(string human, string nativeBase64)
    {
        var native = Convert.FromBase64String(nativeBase64);
        Assert.Equal(human, Base64Url.Encode(native));
        Assert.Equal(native, Base64Url.Decode(human));
        Assert.True(Base64Url.IsHumanId(human));
    }

    [Theory]
    [MemberData(nameof(SignExamples))]
    public void HyperBEAM_signatures_verify_with_the_key_1_modulus(string section, string hash)
    {
        var example = V.GetProperty(section);
        var data = Encoding.UTF8.GetBytes(example.GetProperty("data").GetString()!);
        var signature = Base64Url.Decode(example.GetProperty("signature_b64url").GetString()!);
        Assert.Equal("true", example.GetProperty("verify").GetProperty("@atom").GetString());

        Assert.True(Wallet.Verify(Modulus, data, signature, new HashAlgorithmName(hash)));
    }

    [Theory]
    [MemberData(nameof(SignExamples))]
    public void HyperBEAM_signatures_do_not_verify_for_other_data_or_a_flipped_bit(string section, string hash)
    {
        var example = V.GetProperty(section);
        var data = Encoding.UTF8.GetBytes(example.GetProperty("data").GetString()!);
        var signature = Base64Url.Decode(example.GetProperty("signature_b64url").GetString()!);
        var flipped = (byte[])signature.Clone();
        flipped[100] ^= 0x01;

        Assert.False(Wallet.Verify(Modulus, "other data"u8, signature, new HashAlgorithmName(hash)));
        Assert.False(Wallet.Verify(Modulus, data, flipped, new HashAlgorithmName(hash)));
    }

    [Fact]
    public void Hmac_matches_ar_wallet_hmac()
    {
        var hmac = V.GetProperty("hmac");
        var data = Encoding.UTF8.GetBytes(hmac.GetProperty("data").GetString()!);
        Assert.Equal(hmac.GetProperty("output_b64url").GetString(), Base64Url.Encode(Wallet.Hmac(data)));
    }
}
