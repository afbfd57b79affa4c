using System.Security.Cryptography;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Codecs.HttpSig;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Tests.Shared;

/// <summary>
/// An RSA key that signs messages with httpsig@1.0 commitments as HyperBEAM does (RSA-PSS-SHA512 over the RFC 9421
/// signature base of every key, labelled <c>http-sig-…</c>, plus the HMAC commitment), so that
/// <see cref="HttpSigCommitments.Verify"/> accepts them. The tree has no commit API over a wallet yet; this is the
/// tests' stand-in. Generating a key is slow, so tests share <see cref="Owner"/> and <see cref="Stranger"/>.
/// </summary>
public sealed class TestWallet
{
    private static readonly Lazy<TestWallet> OwnerKey = new(() => new TestWallet());
    private static readonly Lazy<TestWallet> StrangerKey = new(() => new TestWallet());

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly byte[] _modulus;

    private TestWallet()
    {
        _modulus = _rsa.ExportParameters(includePrivateParameters: false).Modulus!;
        Address = Base64Url.Encode(SHA256.HashData(_modulus));
    }

    /// <summary>The key the tests give authority (route owner, node signer).</summary>
    public static TestWallet Owner => OwnerKey.Value;

    /// <summary>A key with no authority anywhere.</summary>
    public static TestWallet Stranger => StrangerKey.Value;

    /// <summary>The Arweave-style address: base64url of SHA-256 of the public modulus.</summary>
    public string Address { get; }

    public Message Sign(Message message)
    {
        var unsigned = message.WithoutPriv().Remove("commitments");
        var encoded = HttpSigEncoder.EncodeForSignature(StructuredCodec.ToTabm(unsigned));
        var components = SignatureBase.SigningComponentIdentifiers(encoded.Keys);
        var paramsLine = SignatureBase.ParamsLine(components, new KeyValuePair<string, string>[] { new("alg", "rsa-pss-sha512"), new("keyid", Base64Url.Encode(_modulus)) });
        byte[] signature;
        // Shared across test classes that run in parallel; an RSA instance is not guaranteed thread-safe.
        lock (_rsa) signature = _rsa.SignData(SignatureBase.Build(encoded, components, paramsLine), HashAlgorithmName.SHA512, RSASignaturePadding.Pss);
        var name = SignatureName.ForAddress(Address);
        var commitment = Message.Of(
            ("commitment-device", "httpsig@1.0"),
            ("alg", "rsa-pss-sha512"),
            ("committer", Address),
            ("signature", $"{name}=:{Convert.ToBase64String(signature)}:"),
            ("signature-input", $"{name}={paramsLine}"));
        var existing = message.Get("commitments") as Message ?? Message.Empty;
        var signed = unsigned.Set("commitments", existing.Set(Base64Url.Encode(SHA256.HashData(signature)), commitment));
        return HttpSigCommitments.ResetHmac(signed);
    }
}
