namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>
/// Whether the node's RSS was flat over the soak: the mean of the last quarter of the samples against the mean of
/// the first quarter (means of a quarter, not two single samples, so one GC more or less does not decide it).
/// Flat when it grew by no more than the tolerance; shrinking is flat too (memory given back is no leak).
/// </summary>
public sealed record SoakVerdict(bool Flat, double FirstQuarterBytes, double LastQuarterBytes, double Tolerance)
{
    /// <summary>Fewer samples than this cannot have two disjoint quarters of at least one sample each.</summary>
    public const int MinSamples = 4;

    /// <summary>Growth from the first quarter to the last, as a fraction of the first (0.12 = 12 %).</summary>
    public double Growth => FirstQuarterBytes > 0 ? LastQuarterBytes / FirstQuarterBytes - 1 : 0;

    /// <exception cref="ArgumentException">Fewer than <see cref="MinSamples"/> samples, or a negative tolerance.</exception>
    public static SoakVerdict Of(IReadOnlyList<long> rssBytes, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(rssBytes);
        if (rssBytes.Count < MinSamples)
            throw new ArgumentException($"a verdict needs at least {MinSamples} samples, got {rssBytes.Count}: soak longer or sample more often", nameof(rssBytes));
        if (tolerance < 0) throw new ArgumentException($"the tolerance must not be negative, got {tolerance}", nameof(tolerance));
        var quarter = rssBytes.Count / 4;
        var first = rssBytes.Take(quarter).Average();
        var last = rssBytes.Skip(rssBytes.Count - quarter).Average();
        return new SoakVerdict(last <= first * (1 + tolerance), first, last, tolerance);
    }
}
