namespace HyperBeam.Devices;

/// <summary>Names of the devices this project provides.</summary>
public static class DeviceNames
{
    public const string Meta = "meta@1.0";
    public const string Relay = "relay@1.0";
    public const string Router = "router@1.0";
    public const string Cache = "cache@1.0";
    public const string Lookup = "lookup@1.0";
}
