namespace HyperBeam.Node.Benchmarking;

/// <summary>One row of <c>hb bench cluster</c>: a cluster of <paramref name="Nodes"/> nodes and the assignments it made.</summary>
public sealed record ClusterBenchResult(int Nodes, long Operations, TimeSpan Elapsed, long Errors)
{
    public double PerSecond => Elapsed.TotalSeconds > 0 ? Operations / Elapsed.TotalSeconds : 0;
}
