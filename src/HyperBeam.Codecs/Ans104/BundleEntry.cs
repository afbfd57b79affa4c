namespace HyperBeam.Codecs.Ans104;

/// <summary>One item of a bundle with the 32-byte ID its header lists for it.</summary>
public sealed record BundleEntry(ReadOnlyMemory<byte> Id, DataItem Item)
{
    public bool Equals(BundleEntry? other) => other is not null && Id.Span.SequenceEqual(other.Id.Span) && Item.Equals(other.Item);

    public override int GetHashCode() => Item.GetHashCode();
}
