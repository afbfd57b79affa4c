namespace HyperBeam.Core.StructuredFields;

/// <summary>
/// A bare item of RFC 8941 / RFC 9651 (section 3.3): the value of an item or of a parameter,
/// without parameters of its own.
/// </summary>
public abstract record SfBareItem;

/// <summary>An sf-integer. The valid range is ±999,999,999,999,999 (15 digits); the serializer enforces it.</summary>
public sealed record SfInteger(long Value) : SfBareItem;

/// <summary>
/// An sf-decimal: at most 12 integer digits and 3 fraction digits. Equality is numeric
/// (<c>1.5</c> equals <c>1.50</c>); the serializer rounds to 3 fraction digits, half to even.
/// </summary>
public sealed record SfDecimal(decimal Value) : SfBareItem;

/// <summary>An sf-string. See <see cref="StructuredFieldSerializer"/> for the HyperBEAM-compatible escaping.</summary>
public sealed record SfString(string Value) : SfBareItem
{
    public string Value
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Value));
    } = Value ?? throw new ArgumentNullException(nameof(Value));
}

/// <summary>An sf-token: starts with ALPHA or <c>*</c>, then tchar, <c>:</c> or <c>/</c>.</summary>
public sealed record SfToken(string Value) : SfBareItem
{
    public string Value
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Value));
    } = Value ?? throw new ArgumentNullException(nameof(Value));
}

/// <summary>An sf-boolean, written <c>?1</c> or <c>?0</c>.</summary>
public sealed record SfBoolean(bool Value) : SfBareItem
{
    public static SfBoolean True { get; } = new(true);

    public static SfBoolean False { get; } = new(false);
}

/// <summary>An RFC 9651 sf-date, written <c>@</c> followed by seconds since the Unix epoch.</summary>
public sealed record SfDate(long Seconds) : SfBareItem;

/// <summary>An RFC 9651 sf-displaystring: Unicode text, written <c>%"..."</c> with percent-encoded UTF-8.</summary>
public sealed record SfDisplayString(string Value) : SfBareItem
{
    public string Value
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Value));
    } = Value ?? throw new ArgumentNullException(nameof(Value));
}
