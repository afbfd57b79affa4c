using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HyperBeam.Storage;

namespace HyperBeam.Benchmarks.Storage;

/// <summary>The memory store (lock, LRU bookkeeping, copies in and out) beside a concurrent dictionary that copies too.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class MemoryStoreBenchmarks
{
    private readonly ConcurrentDictionary<string, byte[]> _raw = new(StringComparer.Ordinal);
    private readonly StorePath _path = StorePath.Parse("data/value");
    private MemoryStore _store = null!;
    private byte[] _value = [];

    [Params(StoreBenchmarkData.Small, StoreBenchmarkData.Large)]
    public int Size { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _value = StoreBenchmarkData.Value(Size);
        _store = new MemoryStore();
        await _store.WriteAsync(_path, _value);
        _raw["data/value"] = (byte[])_value.Clone();
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => _store.DisposeAsync();

    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public void DictionaryWrite() => _raw["data/value"] = (byte[])_value.Clone();

    [Benchmark, BenchmarkCategory("Write")]
    public ValueTask StoreWrite() => _store.WriteAsync(_path, _value);

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public byte[] DictionaryRead() => (byte[])_raw["data/value"].Clone();

    [Benchmark, BenchmarkCategory("Read")]
    public async Task<byte[]?> StoreRead() => await _store.ReadAsync(_path);
}
