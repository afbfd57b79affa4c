namespace HyperBeam.Storage;

/// <summary>
/// A store's raw view of single entries, links not followed. Synchronous on purpose: every backend answers it
/// with one cheap call (a dictionary look-up, an <c>lstat</c>, a RocksDB point read), and link resolution calls
/// it once per segment.
/// </summary>
internal interface IStoreNodes
{
    StoreNode Peek(StorePath path);
}
