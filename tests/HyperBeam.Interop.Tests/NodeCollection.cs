namespace HyperBeam.Interop.Tests;

/// <summary>Tests that share one <c>npm ci</c>.</summary>
[CollectionDefinition(Name)]
public sealed class NodeCollection : ICollectionFixture<NodeFixture>
{
    public const string Name = "node";
}
