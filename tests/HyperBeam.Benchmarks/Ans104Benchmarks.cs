using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HyperBeam.Codecs.Ans104;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Benchmarks;

/// <summary>
/// A small signed data item (3 tags, 256 bytes of data) through serialize, deserialize, sign and verify. Baselines
/// per category: SHA-256 of the item's bytes for the codec, and the raw RSA-PSS sign / verify of its 48-byte
/// signature data (what signing adds on top is the deep hash and the copies).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Ans104Benchmarks
{
    private Wallet _wallet = null!;
    private RSA _rsa = null!;
    private DataItem _unsigned = null!;
    private DataItem _signed = null!;
    private byte[] _bytes = [];
    private byte[] _signatureData = [];
    private byte[] _rawSignature = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = new byte[256];
        new Random(104).NextBytes(data);
        _wallet = Wallet.Create();
        _rsa = RSA.Create(Wallet.KeySizeBits);
        _unsigned = DataItem.Create(data, [DataItemTag.Of("Content-Type", "application/octet-stream"), DataItemTag.Of("App-Name", "bench"), DataItemTag.Of("n", "1")]);
        _signed = _unsigned.Sign(_wallet);
        _bytes = _signed.Serialize();
        _signatureData = _signed.SignatureData();
        _rawSignature = _rsa.SignData(_signatureData, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _wallet.Dispose();
        _rsa.Dispose();
    }

    [Benchmark(Baseline = true), BenchmarkCategory("codec")]
    public byte[] Sha256OfItemBytes() => SHA256.HashData(_bytes);

    [Benchmark, BenchmarkCategory("codec")]
    public byte[] Serialize() => _signed.Serialize();

    [Benchmark, BenchmarkCategory("codec")]
    public DataItem Deserialize() => DataItem.Deserialize(_bytes);

    [Benchmark(Baseline = true), BenchmarkCategory("sign")]
    public byte[] RawRsaPssSign() => _rsa.SignData(_signatureData, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    [Benchmark, BenchmarkCategory("sign")]
    public DataItem Sign() => _unsigned.Sign(_wallet);

    [Benchmark(Baseline = true), BenchmarkCategory("verify")]
    public bool RawRsaPssVerify() => _rsa.VerifyData(_signatureData, _rawSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    [Benchmark, BenchmarkCategory("verify")]
    public bool Verify() => _signed.Verify();
}
