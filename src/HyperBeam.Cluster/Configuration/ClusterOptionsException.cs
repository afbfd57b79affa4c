namespace HyperBeam.Cluster.Configuration;

/// <summary>A cluster setting with a value that cannot work; names the setting, the value and what is allowed.</summary>
public sealed class ClusterOptionsException(string option, string value, string allowed)
    : Exception($"{option} = '{value}': expected {allowed}")
{
    public string Option { get; } = option;

    public string Value { get; } = value;
}
