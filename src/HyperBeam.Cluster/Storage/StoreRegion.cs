namespace HyperBeam.Cluster.Storage;

/// <summary>Registry key of the <c>store</c> shard region (<c>ActorRegistry.Get&lt;StoreRegion&gt;()</c>).</summary>
public sealed class StoreRegion
{
    public const string TypeName = "store";

    private StoreRegion() { }
}
