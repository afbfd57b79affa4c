namespace HyperBeam.Storage.Tests.Stores;

public sealed class MemoryStoreContractTests : StoreContractTests<MemoryStore>
{
    protected override MemoryStore Open(string folder) => new();
}
