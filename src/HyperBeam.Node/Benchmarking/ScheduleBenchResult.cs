namespace HyperBeam.Node.Benchmarking;

/// <summary>One row of <c>hb bench schedule</c>: what was measured, how many operations, over how long, and failures.</summary>
public sealed record ScheduleBenchResult(string Name, long Operations, TimeSpan Elapsed, long Errors)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Operations / Elapsed.TotalSeconds : 0;
}
