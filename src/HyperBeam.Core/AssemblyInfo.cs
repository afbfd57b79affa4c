namespace HyperBeam.Core;

/// <summary>Marker for the HyperBeam.Core assembly.</summary>
public static class CoreAssembly
{
    public static readonly string Version = typeof(CoreAssembly).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
