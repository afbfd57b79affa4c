using System.Globalization;
using HyperBeam.Node.Benchmarking;

namespace HyperBeam.Node.Tests;

/// <summary>
/// <c>hb bench cluster</c> end to end, briefly: a 1-node and a 3-node cluster form, take their processes and
/// report a row each. How fast is not checked (a shared test machine says nothing about it).
/// </summary>
public class ClusterBenchTests
{
    [Fact]
    public async Task A_short_cluster_bench_prints_a_one_node_and_a_three_node_row_with_assignments()
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(),
            "bench", "cluster", "--clients", "4", "--duration", "1", "--processes", "6");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        Assert.Contains("journal", output);
        foreach (var name in new[] { ClusterBenchReport.RowName(1), ClusterBenchReport.RowName(3) })
        {
            var line = output.Split('\n').Select(l => l.TrimEnd()).SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.True(line is not null, $"no row for {name}:\n{output}");
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(5, columns.Length);
            Assert.True(long.Parse(columns[1], CultureInfo.InvariantCulture) > 0, $"no assignments for {name}:\n{output}");
        }
    }

    [Fact]
    public async Task Zero_processes_are_refused_before_any_node_starts()
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "cluster", "--processes", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("--processes", error);
        Assert.DoesNotContain("journal", output);
    }
}
