using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;

namespace HyperBeam.Benchmarks;

/// <summary>
/// httpsig@1.0 encode/decode and commitment verification, beside SHA-256 of the encoded bytes and a raw .NET
/// RSA-PSS-SHA512 verify of a 4096-bit signature (the floor for verifying a signed message).
/// </summary>
[MemoryDiagnoser]
public class HttpSigBenchmarks
{
    private readonly RSA _rsa = RSA.Create(4096);
    private byte[] _signatureBase = [];
    private byte[] _rawSignature = [];
    private Message _message = Message.Empty;
    private Message _encoded = Message.Empty;
    private byte[] _encodedBytes = [];

    [GlobalSetup]
    public void Setup()
    {
        _message = Message.Of(("a", "1"), ("n", 42), ("nested", Message.Of(("x", "y"), ("f", 1.5))), ("list", AoList.Of(1, 2, 3)));
        _encoded = HttpSigCodec.Encode(_message);
        _encodedBytes = _encoded.Entries.ToArray().SelectMany(e => ((AoBinary)e.Value).ToArray()).ToArray();
        _signatureBase = new byte[300];
        _rawSignature = _rsa.SignData(_signatureBase, HashAlgorithmName.SHA512, RSASignaturePadding.Pss);
    }

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfEncodedBytes() => SHA256.HashData(_encodedBytes);

    [Benchmark]
    public Message Encode() => HttpSigCodec.Encode(_message);

    [Benchmark]
    public Message Decode() => HttpSigCodec.Decode(_encoded);

    [Benchmark]
    public bool RawRsaPssSha512Verify() => _rsa.VerifyData(_signatureBase, _rawSignature, HashAlgorithmName.SHA512, RSASignaturePadding.Pss);

    [GlobalCleanup]
    public void Cleanup() => _rsa.Dispose();
}
