namespace HyperBeam.Node.Benchmarking;

/// <summary>How <c>hb bench cluster</c> loads a local cluster: clients, seconds and processes per configuration.</summary>
public sealed record ClusterBenchOptions
{
    public int Clients { get; init; } = 25;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public int Processes { get; init; } = 30;

    public IReadOnlyList<int> NodeCounts { get; init; } = [1, 3];
}
