using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Benchmarks;

/// <summary>RFC 8941 parsing and serializing of a signature-input-like dictionary, beside SHA-256 of its bytes.</summary>
[MemoryDiagnoser]
public class StructuredFieldBenchmarks
{
    private const string Text =
        "sig1=(\"@method\" \"content-digest\" \"ao-types\" \"a\" \"b\");alg=\"rsa-pss-sha512\";keyid=\"abcdefghijklmnopqrstuvwxyz\";created=1618884473";
    private readonly byte[] _bytes = System.Text.Encoding.ASCII.GetBytes(Text);
    private readonly SfDictionary _parsed = StructuredFieldParser.ParseDictionary(Text);

    [Benchmark(Baseline = true)]
    public byte[] Sha256OfTheText() => SHA256.HashData(_bytes);

    [Benchmark]
    public SfDictionary ParseDictionary() => StructuredFieldParser.ParseDictionary(Text);

    [Benchmark]
    public string SerializeDictionary() => StructuredFieldSerializer.SerializeDictionary(_parsed);
}
