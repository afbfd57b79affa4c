namespace HyperBeam.Node.Benchmarking;

/// <summary>How <c>hb bench schedule</c> loads the scheduler.</summary>
public sealed record ScheduleBenchOptions
{
    public int Clients { get; init; } = 25;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<int> ProcessCounts { get; init; } = [1, 100];
}
