using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HyperBeam.Codecs.Flat;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Messages;

namespace HyperBeam.Benchmarks;

/// <summary>
/// flat@1.0 and json@1.0 encode/decode of a typical nested message (typed values, a list, a nested message),
/// beside System.Text.Json serializing the same content as a plain dictionary. The codecs also run the
/// structured@1.0 conversion (rich ⇄ TABM), which the baseline has no counterpart for.
/// </summary>
[MemoryDiagnoser]
public class FlatJsonCodecBenchmarks
{
    private Message _message = Message.Empty;
    private Dictionary<string, object> _dictionary = [];
    private byte[] _flat = [];
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _message = Message.Of(
            ("action", "Transfer"),
            ("quantity", 1_000_000L),
            ("ratio", 0.75),
            ("accepted", true),
            ("recipient", "dGhpcy1pcy1hLTQzLWNoYXJhY3Rlci1tZXNzYWdlLUlE"),
            ("tags", AoList.Of("token", "transfer", 3)),
            ("data", "A short body of text, as a transfer note might carry."),
            ("process", Message.Of(("module", "aos-2.0.1"), ("scheduler", "sched-1"), ("slot", 42), ("memory", Message.Of(("pages", 16), ("limit", "1-gb"))))));
        _dictionary = new Dictionary<string, object>
        {
            ["action"] = "Transfer",
            ["quantity"] = 1_000_000L,
            ["ratio"] = 0.75,
            ["accepted"] = true,
            ["recipient"] = "dGhpcy1pcy1hLTQzLWNoYXJhY3Rlci1tZXNzYWdlLUlE",
            ["tags"] = new object[] { "token", "transfer", 3 },
            ["data"] = "A short body of text, as a transfer note might carry.",
            ["process"] = new Dictionary<string, object>
            {
                ["module"] = "aos-2.0.1",
                ["scheduler"] = "sched-1",
                ["slot"] = 42,
                ["memory"] = new Dictionary<string, object> { ["pages"] = 16, ["limit"] = "1-gb" },
            },
        };
        _flat = FlatCodec.Encode(_message);
        _json = JsonCodec.Encode(_message);
    }

    [Benchmark(Baseline = true)]
    public byte[] SystemTextJsonSerializeDictionary() => JsonSerializer.SerializeToUtf8Bytes(_dictionary);

    [Benchmark]
    public byte[] FlatEncode() => FlatCodec.Encode(_message);

    [Benchmark]
    public Message FlatDecode() => FlatCodec.Decode(_flat);

    [Benchmark]
    public byte[] JsonEncode() => JsonCodec.Encode(_message);

    [Benchmark]
    public Message JsonDecode() => JsonCodec.Decode(_json);
}
