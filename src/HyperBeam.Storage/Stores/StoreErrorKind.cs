namespace HyperBeam.Storage;

/// <summary>Why a store operation failed.</summary>
public enum StoreErrorKind
{
    /// <summary>The medium failed: disk full, permission denied, a dropped connection.</summary>
    Io,

    /// <summary>Stored bytes do not decode: a truncated file, a bad checksum, an unknown entry tag.</summary>
    Corrupt,

    /// <summary>Following links took more hops than the limit: a cycle, or a chain too long to be sane.</summary>
    LinkDepthExceeded,

    /// <summary>A path runs through a value where a group is needed (writing <c>a/b</c> when <c>a</c> is a value).</summary>
    NotAGroup,

    /// <summary>A value or link would replace a group, which would orphan everything beneath it.</summary>
    IsAGroup,

    /// <summary>The store takes no writes.</summary>
    ReadOnly,

    /// <summary>The value can never fit (larger than a memory store's whole budget).</summary>
    CapacityExceeded,

    /// <summary>A remote answered with something that is neither the data nor a clean "not found".</summary>
    Remote,
}
