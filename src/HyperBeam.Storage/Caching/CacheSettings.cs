namespace HyperBeam.Storage.Caching;

/// <summary>The decision for one resolution: store the result, look it up first, and whether only the cache may answer.</summary>
public readonly record struct CacheSettings(bool Store, bool Lookup, bool OnlyIfCached)
{
    /// <summary>HyperBEAM's defaults when nobody says anything: neither store nor look up.</summary>
    public static readonly CacheSettings Default = new(false, false, false);
}
