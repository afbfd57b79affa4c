namespace HyperBeam.Node.Tests;

/// <summary>
/// <c>hb bench http-external</c> and <c>hb bench soak</c> refuse bad arguments before they start a node, wrk or a
/// wallet (the runs themselves take minutes and say nothing on a shared test machine).
/// </summary>
public class BenchExternalCommandTests
{
    [Theory]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "65")]
    [InlineData("--connections", "0")]
    [InlineData("--duration", "0")]
    [InlineData("--warmup", "61")]
    [InlineData("--signed-pool", "0")]
    public async Task Http_external_options_out_of_range_are_refused_before_anything_starts(string option, string value)
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "http-external", option, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(option, error);
        Assert.DoesNotContain("starting hb run", error);
        Assert.DoesNotContain("hb bench", output); // the usage text, no report
    }

    [Fact]
    public async Task Http_external_refuses_more_wrk_threads_than_connections()
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "http-external", "--threads", "8", "--connections", "4");
        Assert.Equal(2, exit);
        Assert.Contains("--threads (8) must not exceed --connections (4)", error);
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("--minutes", "0")]
    [InlineData("--minutes", "1441")]
    [InlineData("--warmup", "-1")]
    [InlineData("--sample-every", "0")]
    [InlineData("--gets", "-1")]
    [InlineData("--schedules", "10001")]
    [InlineData("--computes", "-5")]
    public async Task Soak_options_out_of_range_are_refused_before_anything_starts(string option, string value)
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "soak", option, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(option, error);
        Assert.DoesNotContain("starting hb run", error);
        Assert.DoesNotContain("hb bench", output); // the usage text, no report
    }

    [Fact]
    public async Task Soak_refuses_a_sampling_too_sparse_for_a_verdict()
    {
        // One minute sampled every 30 s: samples at 0, 30 and 60 s, one short of two disjoint quarters.
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "soak", "--minutes", "1", "--sample-every", "30");
        Assert.Equal(2, exit);
        Assert.Contains("3 samples; a verdict needs 4", error);
        Assert.Empty(output);
    }
}
