namespace HyperBeam.Processes.Hosting;

/// <summary>The registry key of the <c>process</c> shard region (<c>registry.Get&lt;ProcessRegion&gt;()</c>).</summary>
public sealed class ProcessRegion
{
    public const string Name = "process";

    private ProcessRegion() { }
}
