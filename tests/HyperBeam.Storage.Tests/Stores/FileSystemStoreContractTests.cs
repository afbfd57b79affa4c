namespace HyperBeam.Storage.Tests.Stores;

public sealed class FileSystemStoreContractTests : StoreContractTests<FileSystemStore>
{
    protected override FileSystemStore Open(string folder) => new(folder);
}
