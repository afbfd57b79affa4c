namespace HyperBeam.Codecs.Ans104;

/// <summary>Sizes ANS-104 fixes for data items of signature type 1 (Arweave).</summary>
public static class DataItemLimits
{
    public const int SignatureBytes = 512;
    public const int OwnerBytes = 512;

    /// <summary>Target and anchor are absent (0 bytes) or exactly this long.</summary>
    public const int TargetBytes = 32;

    public const int AnchorBytes = 32;
    public const int MaxTags = 128;
    public const int MaxTagNameBytes = 1024;
    public const int MaxTagValueBytes = 3072;

    /// <summary>The smallest possible item: type, signature, owner, two absent-field bytes, tag count and tag size.</summary>
    public const int MinItemBytes = 2 + SignatureBytes + OwnerBytes + 1 + 1 + 8 + 8;
}
