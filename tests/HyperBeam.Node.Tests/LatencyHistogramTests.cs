using HyperBeam.Node.Benchmarking;

namespace HyperBeam.Node.Tests;

/// <summary>The bench's percentiles: recorded values come back within the bucket precision, and merging adds up.</summary>
public class LatencyHistogramTests
{
    [Fact]
    public void Small_values_are_exact_and_large_ones_within_two_percent()
    {
        var histogram = new LatencyHistogram();
        for (var us = 1; us <= 100; us++) histogram.RecordMicroseconds(us);
        Assert.Equal(50, histogram.Percentile(50).TotalMicroseconds);
        Assert.Equal(99, histogram.Percentile(99).TotalMicroseconds);

        var large = new LatencyHistogram();
        large.RecordMicroseconds(1_234_567);
        Assert.InRange(large.Percentile(50).TotalMicroseconds, 1_234_567 * 0.98, 1_234_567 * 1.02);
    }

    [Fact]
    public void Merged_histograms_count_every_sample()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        for (var i = 0; i < 90; i++) a.RecordMicroseconds(10);
        for (var i = 0; i < 10; i++) b.RecordMicroseconds(10_000);
        a.Add(b);
        Assert.Equal(100, a.Count);
        Assert.Equal(10, a.Percentile(90).TotalMicroseconds);
        Assert.InRange(a.Percentile(99).TotalMicroseconds, 9_800, 10_200);
    }

    [Fact]
    public void An_empty_histogram_answers_zero()
    {
        Assert.Equal(TimeSpan.Zero, new LatencyHistogram().Percentile(99));
    }
}
