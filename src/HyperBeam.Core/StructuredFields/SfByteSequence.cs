namespace HyperBeam.Core.StructuredFields;

/// <summary>An sf-binary (byte sequence), written as standard base64 between colons.</summary>
/// <remarks>
/// Equality compares the bytes, not the array reference, so parsed values compare equal to built ones.
/// </remarks>
public sealed record SfByteSequence(byte[] Value) : SfBareItem
{
    public byte[] Value
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Value));
    } = Value ?? throw new ArgumentNullException(nameof(Value));

    public bool Equals(SfByteSequence? other) =>
        other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Value);
        return hash.ToHashCode();
    }

    public override string ToString() => $"SfByteSequence {{ :{Convert.ToBase64String(Value)}: }}";
}
