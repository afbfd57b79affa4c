namespace HyperBeam.Storage;

/// <summary>A store option with a value it cannot take: names the option, the value and what is allowed.</summary>
public sealed class StoreOptionsException : ArgumentException
{
    public StoreOptionsException(string option, string? value, string allowed)
        : base($"Invalid store option {option} = {(value is null ? "(unset)" : "'" + value + "'")}: allowed is {allowed}.")
    {
        Option = option;
        Value = value;
        Allowed = allowed;
    }

    /// <summary>The option's name with its position, e.g. <c>store[1].max-bytes</c>.</summary>
    public string Option { get; }

    public string? Value { get; }

    public string Allowed { get; }
}
