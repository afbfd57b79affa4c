namespace HyperBeam.Storage;

/// <summary>What a path holds once its links are followed (HyperBEAM's <c>simple</c> / <c>composite</c> / <c>not_found</c>).</summary>
public enum StoreEntryType
{
    NotFound,

    /// <summary>A binary value.</summary>
    Simple,

    /// <summary>A group: a namespace of named children, like a folder.</summary>
    Composite,
}
