namespace HyperBeam.Actors.Protocol;

/// <summary>How much work the node accepts at once; see <see cref="ResolveQueue"/>.</summary>
public sealed record ResolveQueueOptions
{
    /// <summary>Resolutions running at the same time.</summary>
    public int Parallelism { get; init; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>Resolutions waiting for a slot; one more is refused with 503.</summary>
    public int Capacity { get; init; } = 1024;

    /// <summary>The compute-time limit of one resolution.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
