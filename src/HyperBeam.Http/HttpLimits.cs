namespace HyperBeam.Http;

/// <summary>Explicit limits on what a request may carry; each breach is a clear 4xx.</summary>
public sealed record HttpLimits
{
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;
    public int MaxSegmentBytes { get; init; } = 512;
    public int MaxHeaderCount { get; init; } = 100;
    public int MaxHeaderBytes { get; init; } = 64 * 1024;
    public int MaxNestingDepth { get; init; } = 64;
}
