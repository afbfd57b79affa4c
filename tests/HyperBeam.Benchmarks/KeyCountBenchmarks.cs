using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HyperBeam.Codecs.Json;
using HyperBeam.Core.Messages;
using HyperBeam.Http;
using HyperBeam.Http.Singleton;

namespace HyperBeam.Benchmarks;

/// <summary>
/// Decoding a json@1.0 request body of N flat keys, and the URL grammar's merge of those keys into the steps, for
/// N = 1k, 10k, 100k: both must grow linearly (100k/10k well under 15; a Set per key made them quadratic). The
/// baseline is System.Text.Json reading the same document.
/// </summary>
[MemoryDiagnoser]
public class KeyCountBenchmarks
{
    private static readonly HttpLimits NoKeyLimit = new() { MaxKeys = int.MaxValue };

    private byte[] _json = [];
    private Message _request = Message.Empty;

    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < N; i++) sb.Append(i == 0 ? "" : ",").Append("\"k").Append(i).Append("\":\"v").Append(i).Append('"');
        _json = Encoding.UTF8.GetBytes(sb.Append('}').ToString());
        _request = JsonCodec.Decode(_json).Set("path", "/~message@1.0/k5");
    }

    [Benchmark(Baseline = true)]
    public int SystemTextJsonParse()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark]
    public int JsonDecode() => JsonCodec.Decode(_json).Count;

    [Benchmark]
    public int UrlGrammarMerge() => SingletonParser.Parse(_request, NoKeyLimit).Count;
}
