using System.Security.Cryptography;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Core.Tests.Wallets;

/// <summary>Signing and verification with generated keys, including salts of other lengths than the hash's.</summary>
public class WalletSigningTests(SharedWallet shared) : IClassFixture<SharedWallet>
{
    private readonly Wallet _wallet = shared.Wallet;

    [Fact]
    public void A_new_wallet_is_RSA_4096_with_its_address_derived_from_the_modulus()
    {
        Assert.Equal(512, _wallet.PublicKey.Length);
        Assert.Equal(Wallet.AddressOf(_wallet.PublicKey.Span), _wallet.Address);
        Assert.Equal(SHA256.HashData(_wallet.PublicKey.Span), _wallet.NativeAddress.ToArray());
        Assert.Equal(43, _wallet.Address.Length);
    }

    [Theory]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void Signatures_verify_with_the_same_hash_only(string hash)
    {
        var name = new HashAlgorithmName(hash);
        var signature = _wallet.Sign("payload"u8, name);

        Assert.Equal(512, signature.Length);
        Assert.True(Wallet.Verify(_wallet.PublicKey.Span, "payload"u8, signature, name));
        Assert.False(Wallet.Verify(_wallet.PublicKey.Span, "payload!"u8, signature, name));
        var other = hash == "SHA256" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        Assert.False(Wallet.Verify(_wallet.PublicKey.Span, "payload"u8, signature, other));
    }

    [Fact]
    public void Sign_defaults_to_SHA256()
    {
        var signature = _wallet.Sign("payload"u8);
        Assert.True(Wallet.Verify(_wallet.PublicKey.Span, "payload"u8, signature));
        Assert.True(Wallet.Verify(_wallet.PublicKey.Span, "payload"u8, signature, HashAlgorithmName.SHA256));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(20)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(478)] // Node's default: the longest salt an RSA-4096 key allows with SHA-256 (512 - 32 - 2).
    public void Signatures_with_any_salt_length_verify_as_in_HyperBEAM(int saltLength)
    {
        var key = RsaParameters(_wallet);
        var signature = PssTestSigner.Sign(key, "salted"u8, saltLength);

        Assert.True(Wallet.Verify(_wallet.PublicKey.Span, "salted"u8, signature));
        Assert.False(Wallet.Verify(_wallet.PublicKey.Span, "salted?"u8, signature));
    }

    [Fact]
    public void Garbage_keys_and_signatures_verify_as_false_without_throwing()
    {
        var signature = _wallet.Sign("x"u8);
        Assert.False(Wallet.Verify([], "x"u8, signature));
        Assert.False(Wallet.Verify(_wallet.PublicKey.Span, "x"u8, []));
        // One byte short at the end, never at the front: a signature that starts with 0 (one in 256) is the same
        // integer without that byte, and verifies. Dropping the last byte always makes a different integer.
        Assert.False(Wallet.Verify(_wallet.PublicKey.Span, "x"u8, signature.AsSpan(0, signature.Length - 1)));
        Assert.False(Wallet.Verify(new byte[512], "x"u8, signature));
        Assert.False(Wallet.Verify([0x02, 0x00], "x"u8, [0x01]));
        var tooBig = Enumerable.Repeat((byte)0xFF, 512).ToArray();
        Assert.False(Wallet.Verify(_wallet.PublicKey.Span, "x"u8, tooBig));
    }

    [Fact]
    public void The_public_JWK_has_no_private_parts_and_the_private_one_reloads_to_the_same_key()
    {
        var publicJwk = _wallet.ToJwk(includePrivate: false);
        Assert.DoesNotContain("\"d\"", publicJwk);
        Assert.Contains("\"n\"", publicJwk);

        using var reloaded = Wallet.FromJwk(_wallet.ToJwk(includePrivate: true));
        Assert.Equal(_wallet.Address, reloaded.Address);
        Assert.True(Wallet.Verify(_wallet.PublicKey.Span, "m"u8, reloaded.Sign("m"u8)));
    }

    private static RSAParameters RsaParameters(Wallet wallet)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(wallet.ToJwk(includePrivate: true));
        byte[] Field(string name) => HyperBeam.Core.Ids.Base64Url.Decode(doc.RootElement.GetProperty(name).GetString()!);
        return new RSAParameters { Modulus = Field("n"), Exponent = Field("e"), D = Field("d") };
    }
}
