using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using HyperBeam.Core.Codecs.Structured;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Benchmarks;

/// <summary>Unsigned IDs and the structured codec, beside a dictionary lookup + SHA-256 of 64 bytes.</summary>
[MemoryDiagnoser]
public class MessageIdBenchmarks
{
    private readonly Dictionary<string, byte[]> _dictionary = new() { ["a"] = new byte[64] };
    private Message _flat = Message.Empty;
    private Message _nested = Message.Empty;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        _flat = Message.Of(("a", "1"), ("b", 2), ("c", 3.5), ("d", true), ("e", "some text value"));
        _nested = _flat.Set("inner", Message.Of(("x", "y"), ("list", AoList.Of(1, 2, 3))));
    }

    [Benchmark(Baseline = true)]
    public byte[] DictionaryGetPlusSha256() => SHA256.HashData(_dictionary["a"]);

    // Fresh copies each time: a message caches its ID, and this measures computing it.
    [Benchmark]
    public string UnsignedIdFlatMessage() => MessageIds.Unsigned(_flat.Set("n", _counter++));

    [Benchmark]
    public string UnsignedIdNestedMessage() => MessageIds.Unsigned(_nested.Set("n", _counter++));

    [Benchmark]
    public string UnsignedIdCached() => MessageIds.Unsigned(_nested);

    [Benchmark]
    public Message StructuredToTabm() => StructuredCodec.ToTabm(_nested);
}
