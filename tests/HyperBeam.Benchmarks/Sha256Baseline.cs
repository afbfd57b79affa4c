using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace HyperBeam.Benchmarks;

/// <summary>
/// A floor to compare against: one dictionary lookup plus a SHA-256 of 64 bytes, roughly the least work a
/// resolve step that hashes its result can do. Other benchmarks can state their cost as a multiple of it.
/// </summary>
[MemoryDiagnoser]
public class Sha256Baseline
{
    private readonly Dictionary<string, byte[]> _store = new(StringComparer.Ordinal);
    private readonly byte[] _hash = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < 1024; i++)
        {
            var value = new byte[64];
            random.NextBytes(value);
            _store[$"key-{i}"] = value;
        }
    }

    [Benchmark(Baseline = true)]
    public byte[] DictionaryGetPlusSha256()
    {
        var value = _store["key-512"];
        SHA256.HashData(value, _hash);
        return _hash;
    }
}
