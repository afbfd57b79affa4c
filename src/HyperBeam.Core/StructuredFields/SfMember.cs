namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// A member of a list or a dictionary: either an <see cref="SfItem"/> or an <see cref="SfInnerList"/>.
/// Both carry parameters.
/// </summary>
public abstract record SfMember
{
    private readonly SfParameters _parameters = SfParameters.Empty;

    protected SfMember(SfParameters parameters) => Parameters = parameters;

    /// <summary>The member's parameters; never null (assigning null gives <see cref="SfParameters.Empty"/>).</summary>
    public SfParameters Parameters
    {
        get => _parameters;
        init => _parameters = value ?? SfParameters.Empty;
    }
}
