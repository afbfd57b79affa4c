using System.Globalization;
using HyperBeam.Node.Benchmarking;

namespace HyperBeam.Node.Tests;

/// <summary>
/// <c>hb bench http</c> end to end, briefly: every target is served and counted. How fast is not checked here
/// (a shared test machine says nothing about it); the figures belong in a real run's report.
/// </summary>
public class BenchCommandTests
{
    [Fact]
    public async Task A_short_http_bench_reports_three_targets_that_all_answered_without_errors()
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "http", "--connections", "2", "--duration", "1");

        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("2 connections", output);
        foreach (var name in new[] { HttpBench.BaselineName, HttpBench.MetaInfoPath, HttpBench.SameResolvePath })
        {
            var columns = RowOf(output, name);
            Assert.True(long.Parse(columns[1], CultureInfo.InvariantCulture) > 0, $"no requests for {name}:\n{output}");
            Assert.Equal("0", columns[5]);
        }
    }

    [Theory]
    [InlineData("--connections", "0")]
    [InlineData("--duration", "0")]
    [InlineData("--warmup", "-1")]
    public async Task Out_of_range_options_are_refused_before_anything_starts(string option, string value)
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "http", option, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(option, error);
        Assert.DoesNotContain("req/s", output);
    }

    [Theory]
    [InlineData("--warmup", "61")]
    [InlineData("--journal", "mysql")]
    [InlineData("--signing", "none")]
    [InlineData("--processes", "0")]
    [InlineData("--processes", "1,x")]
    public async Task Schedule_bench_options_out_of_range_are_refused_before_anything_starts(string option, string value)
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "schedule", option, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(value, error);
        Assert.DoesNotContain("assignments", output);
    }

    /// <summary>The row's columns: target, requests, req/s, p50, p99, errors, ratio.</summary>
    private static string[] RowOf(string output, string name)
    {
        var line = output.Split('\n').Select(l => l.TrimEnd()).SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no row for {name}:\n{output}");
        var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, columns.Length);
        return columns;
    }
}
