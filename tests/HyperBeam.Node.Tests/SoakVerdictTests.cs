using HyperBeam.Node.Benchmarking.Soak;

namespace HyperBeam.Node.Tests;

/// <summary>The soak's verdict: the last quarter's mean RSS against the first quarter's, within a tolerance.</summary>
public class SoakVerdictTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void A_series_that_grows_less_than_the_tolerance_is_flat()
    {
        var verdict = SoakVerdict.Of(Series(200, 205, 210, 203, 208, 212, 209, 215), 0.10);
        Assert.True(verdict.Flat);
        Assert.InRange(verdict.Growth, 0, 0.10);
    }

    [Fact]
    public void A_series_whose_last_quarter_is_more_than_ten_percent_above_its_first_is_growing()
    {
        // 15 MiB a sample, as the scheduling soak measured per minute.
        var verdict = SoakVerdict.Of(Series(200, 215, 230, 245, 260, 275, 290, 305), 0.10);
        Assert.False(verdict.Flat);
        Assert.Equal(207.5 * MiB, verdict.FirstQuarterBytes);
        Assert.Equal(297.5 * MiB, verdict.LastQuarterBytes);
    }

    [Fact]
    public void One_spike_in_the_middle_does_not_decide_the_verdict()
    {
        Assert.True(SoakVerdict.Of(Series(200, 200, 200, 900, 200, 200, 200, 200), 0.10).Flat);
    }

    [Fact]
    public void Memory_given_back_is_flat_not_a_leak()
    {
        Assert.True(SoakVerdict.Of(Series(300, 300, 250, 200, 200, 150, 150, 150), 0.10).Flat);
    }

    [Fact]
    public void Fewer_than_four_samples_give_no_verdict()
    {
        var e = Assert.Throws<ArgumentException>(() => SoakVerdict.Of(Series(200, 400, 800), 0.10));
        Assert.Contains("at least 4 samples", e.Message);
    }

    [Fact]
    public void A_negative_tolerance_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SoakVerdict.Of(Series(1, 1, 1, 1), -0.1));
    }

    private static long[] Series(params long[] mib) => [.. mib.Select(m => m * MiB)];
}
