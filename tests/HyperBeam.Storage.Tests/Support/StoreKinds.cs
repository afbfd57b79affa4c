using HyperBeam.Tests.Shared;

namespace HyperBeam.Storage.Tests.Support;

/// <summary>Opens each writable backend by name, for tests that run the same scenario on all of them.</summary>
internal static class StoreKinds
{
    public static readonly TheoryData<string> All = new() { "memory", "fs", "rocksdb" };

    public static IStore Open(string kind, TempFolder temp) => kind switch
    {
        "memory" => new MemoryStore(),
        "fs" => new FileSystemStore(temp.Combine("fs")),
        "rocksdb" => new RocksDbStore(temp.Combine("rocksdb")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
