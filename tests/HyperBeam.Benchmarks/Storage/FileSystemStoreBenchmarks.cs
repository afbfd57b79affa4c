using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HyperBeam.Storage;

namespace HyperBeam.Benchmarks.Storage;

/// <summary>
/// The file system store (header and checksum, temp file and rename, per-segment link checks) beside
/// File.WriteAllBytes / File.ReadAllBytes of the same bytes.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class FileSystemStoreBenchmarks
{
    private readonly StorePath _path = StorePath.Parse("data/value");
    private string _folder = "";
    private string _rawFile = "";
    private FileSystemStore _store = null!;
    private byte[] _value = [];

    [Params(StoreBenchmarkData.Small, StoreBenchmarkData.Large)]
    public int Size { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _value = StoreBenchmarkData.Value(Size);
        _folder = StoreBenchmarkData.NewFolder("fs");
        _store = new FileSystemStore(Path.Combine(_folder, "store"));
        await _store.WriteAsync(_path, _value);
        _rawFile = Path.Combine(_folder, "raw-value");
        await File.WriteAllBytesAsync(_rawFile, _value);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        StoreBenchmarkData.Delete(_folder);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public void FileWriteAllBytes() => File.WriteAllBytes(_rawFile, _value);

    [Benchmark, BenchmarkCategory("Write")]
    public ValueTask StoreWrite() => _store.WriteAsync(_path, _value);

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public byte[] FileReadAllBytes() => File.ReadAllBytes(_rawFile);

    [Benchmark, BenchmarkCategory("Read")]
    public async Task<byte[]?> StoreRead() => await _store.ReadAsync(_path);
}
