using System.Globalization;
using HyperBeam.Node.Benchmarking;

namespace HyperBeam.Node.Tests;

/// <summary>
/// <c>hb bench compute</c> end to end with a tiny schedule: every measure runs for real (a failed slot or a counter
/// that missed a slot makes the command fail) and gets its row. How fast is not checked: a shared test machine says
/// nothing about it; the figures belong in a real run's report.
/// </summary>
public class ComputeBenchTests
{
    [Fact]
    public async Task A_quick_compute_bench_with_a_tiny_schedule_prints_every_row()
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "compute", "--quick", "--slots", "44", "--snapshot-every", "8", "--warmup", "1");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        // Each scenario warms up on its own actor system first (at most 1 s here), and says what the JIT did in each row.
        Assert.Contains("hb bench compute (with snapshots): warmed up for", error);
        Assert.Contains("hb bench compute (without snapshots): warmed up for", error);
        Assert.Contains($"{ComputeBenchRows.ComputeWithSnapshots}: ", error);
        Assert.Contains($"{ComputeBenchRows.ComputeWithoutSnapshots}: ", error);
        Assert.Contains("44 slots", output);
        foreach (var name in ComputeBenchRows.All)
        {
            var columns = RowOf(output, name);
            Assert.True(long.Parse(columns[0], CultureInfo.InvariantCulture) > 0, $"no slots for {name}:\n{output}");
            Assert.True(double.Parse(columns[1], CultureInfo.InvariantCulture) > 0, $"no time for {name}:\n{output}");
        }
        // 44 messages after the process: slot 44 is the last; the latest snapshot (every 8) is slot 40's.
        Assert.Contains("from the snapshot of slot 40 with snapshots, of slot 0 without", output);
        Assert.Equal("45", RowOf(output, ComputeBenchRows.ComputeWithSnapshots)[0]);
        Assert.Equal("4", RowOf(output, ComputeBenchRows.ComputeRecoveryWithSnapshots)[0]);
        Assert.Equal("44", RowOf(output, ComputeBenchRows.ComputeRecoveryWithoutSnapshots)[0]);
    }

    [Fact]
    public async Task The_quick_compute_bench_prints_the_genesis_wasm_rows_beside_ao_loader_and_the_64_MiB_snapshot()
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "compute", "--quick", "--slots", "4", "--warmup", "0");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        // ao-loader runs in Node.js, installed by npm ci on first use: the machines that run these tests have both.
        foreach (var name in ComputeBenchRows.GenesisWasm)
        {
            var columns = RowOf(output, name);
            Assert.True(long.Parse(columns[0], CultureInfo.InvariantCulture) > 0, $"nothing counted for {name}:\n{output}");
            Assert.True(double.Parse(columns[1], CultureInfo.InvariantCulture) > 0, $"no time for {name}:\n{output}");
        }
        Assert.Equal("1.00", RowOf(output, ComputeBenchRows.AoLoader)[3]);
        Assert.Matches(@"a 64(\.\d)? MiB linear memory", output);
    }

    [Theory]
    [InlineData("--slots", "0")]
    [InlineData("--snapshot-every", "0")]
    [InlineData("--warmup", "-1")]
    [InlineData("--warmup", "301")]
    public async Task Out_of_range_options_are_refused_before_anything_runs(string option, string value)
    {
        var (exit, output, error) = await CommandLine.RunAsync(BenchCommand.Create(), "bench", "compute", option, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(option, error);
        Assert.DoesNotContain("slots/s", output);
    }

    /// <summary>The columns after the row's name: slots, seconds, slots/s, ratio.</summary>
    private static string[] RowOf(string output, string name)
    {
        var line = output.Split('\n').Select(l => l.TrimEnd()).SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no row for {name}:\n{output}");
        var columns = line[name.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, columns.Length);
        return columns;
    }
}
