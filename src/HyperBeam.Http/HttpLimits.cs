namespace HyperBeam.Http;

/// <summary>Explicit limits on what a request may carry; each breach is a clear 4xx.</summary>
public sealed record HttpLimits
{
    public long MaxBodyBytes { get; init; } = 16 * 1024 * 1024;
    public int MaxSegmentBytes { get; init; } = 512;
    public int MaxHeaderCount { get; init; } = 100;
    public int MaxHeaderBytes { get; init; } = 64 * 1024;
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>
    /// Most keys one message of a request may have, at every level of nesting and in every codec (and items in
    /// one list); more is a 413. Far above what any client sends, and it keeps per-request work proportional to
    /// what the node expects to serve.
    /// </summary>
    public int MaxKeys { get; init; } = 10_000;
}
