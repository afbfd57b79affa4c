namespace HyperBeam.Node.Benchmarking;

/// <summary>What <c>hb bench cluster</c> measured and on which journal.</summary>
public sealed record ClusterBenchRun(string Journal, IReadOnlyList<ClusterBenchResult> Results);
