namespace HyperBeam.Node.Benchmarking;

/// <summary>One row of <c>hb bench compute</c>: what was measured, how many slots (or calls), and how long it took.</summary>
public sealed record ComputeBenchResult(string Name, long Operations, TimeSpan Elapsed)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Operations / Elapsed.TotalSeconds : 0;
}
