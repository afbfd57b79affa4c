namespace HyperBeam.Storage.Tests.Stores;

public sealed class RocksDbStoreContractTests : StoreContractTests<RocksDbStore>
{
    protected override RocksDbStore Open(string folder) => new(folder);
}
