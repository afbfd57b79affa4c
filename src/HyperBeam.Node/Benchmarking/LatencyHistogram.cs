using System.Numerics;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// Request latencies in microseconds, in log-linear buckets (HdrHistogram's layout, cut down): exact below 128 µs,
/// then 64 buckets per power of two, so any percentile is within about 1.6 % of the true value whatever the spread,
/// in a fixed few kilobytes. Each load worker keeps its own (no locking on the hot path); they are merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearBuckets = SubBuckets * 2;

    /// <summary>Covers up to 2^46 µs (two years): far past any request timeout, so nothing is ever clamped in practice.</summary>
    private const int MaxShift = 40;

    private readonly long[] _counts = new long[LinearBuckets + MaxShift * SubBuckets];

    public long Count { get; private set; }

    public void Record(TimeSpan latency) => RecordMicroseconds((long)latency.TotalMicroseconds);

    public void RecordMicroseconds(long microseconds)
    {
        _counts[IndexOf(Math.Max(0, microseconds))]++;
        Count++;
    }

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>The latency at or below which <paramref name="percentile"/> % of the samples fall (a bucket's midpoint); zero when empty.</summary>
    public TimeSpan Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        if (Count == 0) return TimeSpan.Zero;
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return TimeSpan.FromMicroseconds(Midpoint(i));
        }
        return TimeSpan.FromMicroseconds(Midpoint(_counts.Length - 1));
    }

    private static int IndexOf(long microseconds)
    {
        if (microseconds < LinearBuckets) return (int)microseconds;
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)microseconds) - SubBucketBits;
        if (shift > MaxShift) return LinearBuckets + MaxShift * SubBuckets - 1;
        var sub = (int)(microseconds >> shift) - SubBuckets;
        return LinearBuckets + (shift - 1) * SubBuckets + sub;
    }

    private static double Midpoint(int index)
    {
        if (index < LinearBuckets) return index;
        var shift = (index - LinearBuckets) / SubBuckets + 1;
        var sub = (index - LinearBuckets) % SubBuckets;
        var lower = (long)(sub + SubBuckets) << shift;
        return lower + (1L << shift) / 2.0;
    }
}
