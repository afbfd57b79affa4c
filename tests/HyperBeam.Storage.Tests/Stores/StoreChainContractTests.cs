namespace HyperBeam.Storage.Tests.Stores;

/// <summary>
/// A chain whose first store is read-only (and empty): every write must skip it and every read fall through it,
/// so the chain behaves exactly as the RocksDB store behind it.
/// </summary>
public sealed class StoreChainContractTests : StoreContractTests<StoreChain>
{
    protected override StoreChain Open(string folder) => new(new ReadOnlyStore(new MemoryStore()), new RocksDbStore(folder));
}
