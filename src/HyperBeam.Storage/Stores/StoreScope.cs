namespace HyperBeam.Storage;

/// <summary>Where a store keeps its data; the resolver limits some look-ups to local stores, as HyperBEAM does.</summary>
public enum StoreScope
{
    Local,
    Remote,
}
