namespace HyperBeam.Core.StructuredFields;

/// <summary>An item: a bare item with parameters (RFC 8941 section 3.3).</summary>
public sealed record SfItem(SfBareItem Value, SfParameters Parameters) : SfMember(Parameters)
{
    /// <summary>An item without parameters.</summary>
    public SfItem(SfBareItem value)
        : this(value, SfParameters.Empty)
    {
    }

    public SfBareItem Value

    {

        get;

        init => field = value ?? throw new ArgumentNullException(nameof(Value));

    } = Value ?? throw new ArgumentNullException(nameof(Value));
}
