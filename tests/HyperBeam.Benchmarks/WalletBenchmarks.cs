using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Benchmarks;

/// <summary>
/// Wallet operations beside the raw .NET calls they wrap, one baseline per category: RSA-PSS sign and verify with a
/// bare RSA-4096 <see cref="RSA"/> object (a key of its own: the cost depends on the size, not the key), and
/// SHA-256 of the same bytes for the address.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WalletBenchmarks
{
    private readonly byte[] _data = new byte[48]; // the size of an ANS-104 signature-data deep hash
    private Wallet _wallet = null!;
    private RSA _rsa = null!;
    private byte[] _modulus = [];
    private byte[] _walletSignature = [];
    private byte[] _rawSignature = [];

    [GlobalSetup]
    public void Setup()
    {
        new Random(7).NextBytes(_data);
        _wallet = Wallet.Create();
        _rsa = RSA.Create(Wallet.KeySizeBits);
        _modulus = _wallet.PublicKey.ToArray();
        _walletSignature = _wallet.Sign(_data);
        _rawSignature = _rsa.SignData(_data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _wallet.Dispose();
        _rsa.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("sign")]
    public byte[] RawRsaPssSign() => _rsa.SignData(_data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    [Benchmark, BenchmarkCategory("sign")]
    public byte[] WalletSign() => _wallet.Sign(_data);

    [Benchmark(Baseline = true), BenchmarkCategory("verify")]
    public bool RawRsaPssVerify() => _rsa.VerifyData(_data, _rawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    /// <summary>Includes importing the modulus into an RSA object, which the baseline has done once up front.</summary>
    [Benchmark, BenchmarkCategory("verify")]
    public bool WalletVerify() => Wallet.Verify(_modulus, _data, _walletSignature);

    [Benchmark(Baseline = true), BenchmarkCategory("address")]
    public byte[] Sha256OfModulus() => SHA256.HashData(_modulus);

    [Benchmark, BenchmarkCategory("address")]
    public string WalletAddressOf() => Wallet.AddressOf(_modulus);
}
