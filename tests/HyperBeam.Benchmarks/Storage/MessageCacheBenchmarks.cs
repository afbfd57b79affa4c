using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Storage;
using HyperBeam.Storage.Caching;

namespace HyperBeam.Benchmarks.Storage;

/// <summary>
/// The message cache on a memory and a RocksDB store: write + read of a small nested message, and a read by ID
/// of one already cached; beside a dictionary put + get keyed by the SHA-256 of the same bytes.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class MessageCacheBenchmarks
{
    private readonly Dictionary<string, byte[]> _dictionary = new(StringComparer.Ordinal);
    private string _folder = "";
    private IStore _store = null!;
    private MessageCache _cache = null!;
    private Message _message = Message.Empty;
    private byte[] _messageBytes = [];
    private string _cachedId = "";

    [Params("memory", "rocksdb")]
    public string Backend { get; set; } = "memory";

    [GlobalSetup]
    public async Task Setup()
    {
        _message = Message.Of(
            ("type", "Message"), ("action", "Eval"), ("count", 3), ("ratio", 0.5),
            ("inner", Message.Of(("data", "print('hello')"), ("tags", AoList.Of("a", "b")))));
        _messageBytes = System.Text.Encoding.UTF8.GetBytes(_message.ToString());
        _folder = StoreBenchmarkData.NewFolder("cache");
        _store = Backend == "memory" ? new MemoryStore() : new RocksDbStore(Path.Combine(_folder, "db"));
        _cache = new MessageCache(_store);
        _cachedId = await _cache.WriteAsync(_message);
        _dictionary[Base64Url.Encode(SHA256.HashData(_messageBytes))] = _messageBytes;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        StoreBenchmarkData.Delete(_folder);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("WriteRead")]
    public byte[] DictionaryPutGetBySha256()
    {
        var key = Base64Url.Encode(SHA256.HashData(_messageBytes));
        _dictionary[key] = _messageBytes;
        return _dictionary[key];
    }

    [Benchmark, BenchmarkCategory("WriteRead")]
    public async Task<Message?> WriteThenReadNestedMessage() => await _cache.ReadAsync(await _cache.WriteAsync(_message));

    [Benchmark(Baseline = true), BenchmarkCategory("Hit")]
    public byte[] DictionaryGetBySha256() => _dictionary.TryGetValue(Base64Url.Encode(SHA256.HashData(_messageBytes)), out var v) ? v : [];

    [Benchmark, BenchmarkCategory("Hit")]
    public async Task<Message?> ReadCachedById() => await _cache.ReadAsync(_cachedId);
}
