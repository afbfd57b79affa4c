using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HyperBeam.Storage;
using RocksDbSharp;

namespace HyperBeam.Benchmarks.Storage;

/// <summary>
/// The RocksDB store (tagged values, write queue, link checks) beside a put / get through the raw RocksDbSharp API
/// on a database with the same options.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class RocksDbStoreBenchmarks
{
    private static readonly byte[] RawKey = "data/value"u8.ToArray();
    private readonly StorePath _path = StorePath.Parse("data/value");
    private string _folder = "";
    private RocksDb _raw = null!;
    private RocksDbStore _store = null!;
    private byte[] _value = [];

    [Params(StoreBenchmarkData.Small, StoreBenchmarkData.Large)]
    public int Size { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _value = StoreBenchmarkData.Value(Size);
        _folder = StoreBenchmarkData.NewFolder("rocksdb");
        _store = new RocksDbStore(Path.Combine(_folder, "store"));
        await _store.WriteAsync(_path, _value);
        _raw = RocksDb.Open(new DbOptions().SetCreateIfMissing(true), Path.Combine(_folder, "raw"));
        _raw.Put(RawKey, _value);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        _raw.Dispose();
        StoreBenchmarkData.Delete(_folder);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public void RawPut() => _raw.Put(RawKey, _value);

    [Benchmark, BenchmarkCategory("Write")]
    public ValueTask StoreWrite() => _store.WriteAsync(_path, _value);

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public byte[]? RawGet() => _raw.Get(RawKey);

    [Benchmark, BenchmarkCategory("Read")]
    public async Task<byte[]?> StoreRead() => await _store.ReadAsync(_path);
}
