namespace HyperBeam.Interop.Tests;

/// <summary>Tests that share one <c>npm ci</c>.</summary>
[CollectionDefinition(Name)]
public sealed class ArbundlesCollection : ICollectionFixture<ArbundlesFixture>
{
    public const string Name = "arbundles";
}
