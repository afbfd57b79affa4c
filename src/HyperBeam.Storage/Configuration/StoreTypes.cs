namespace HyperBeam.Storage;

/// <summary>The store types a <see cref="StoreOptions"/> can name.</summary>
public static class StoreTypes
{
    public const string RocksDb = "rocksdb";
    public const string FileSystem = "fs";
    public const string Memory = "memory";
    public const string Gateway = "gateway";
    public const string RemoteNode = "remote-node";

    public static readonly IReadOnlyList<string> All = [RocksDb, FileSystem, Memory, Gateway, RemoteNode];
}
