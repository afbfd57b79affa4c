namespace HyperBeam.Codecs.Ans104;

/// <summary>How the 32-byte numbers of a bundle header are written.</summary>
public enum BundleFormat
{
    /// <summary>ANS-104 as arbundles and the Arweave ecosystem write it: little-endian.</summary>
    Ans104,

    /// <summary>
    /// HyperBEAM's <c>ar_bundles</c> (the nested messages of <c>ans104@1.0</c>): big-endian, and the header IDs are
    /// the items' unsigned IDs. Not readable by ANS-104 tools; used only where HyperBEAM compatibility needs it.
    /// </summary>
    HyperBeam,
}
