namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>Everything one soak measured: the memory series after the warm-up, the verdict on it, the load sent.</summary>
public sealed record SoakRun(IReadOnlyList<MemorySample> Samples, SoakVerdict Verdict, IReadOnlyList<SoakCounts> Load);
