using HyperBeam.Node.Benchmarking;

namespace HyperBeam.Node.Tests;

/// <summary>The table <c>hb bench schedule</c> prints, and the ratios its checkpoint goal is written in.</summary>
public sealed class ScheduleBenchReportTests
{
    [Fact]
    public void The_ceiling_and_the_checkpoint_rows_are_printed_with_their_ratio_to_the_sqlite_baseline()
    {
        var second = TimeSpan.FromSeconds(1);
        var output = new StringWriter();

        ScheduleBenchReport.Write(output, new ScheduleBenchOptions(),
        [
            new ScheduleBenchResult("rsa-4096 pss signatures (all cores)", 400, second, 0),
            new ScheduleBenchResult(ScheduleBaselines.SqliteInsertsName, 100_000, second, 0),
            new ScheduleBenchResult(ScheduleCeiling.Name(25), 40_000, second, 0),
            new ScheduleBenchResult(ScheduleCeiling.Name(25, 100), 25_000, second, 0),
            new ScheduleBenchResult("assignments: 1 process, each signing", 390, second, 0),
            new ScheduleBenchResult("assignments: 1 process, checkpoint signing", 30_000, second, 0),
        ]);

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("best reachable: 25 closed-loop writers, group commit, sqlite wal ", StringComparison.Ordinal) && l.EndsWith(" 40000            0", StringComparison.Ordinal));
        Assert.Contains("best reachable: 25 closed-loop writers, group commit, sqlite wal / sqlite wal inserts (batches of 100): 0.40", lines);
        Assert.Contains("best reachable: 25 closed-loop writers, 100 processes, group commit, sqlite wal / sqlite wal inserts (batches of 100): 0.25", lines);
        Assert.Contains("assignments: 1 process, checkpoint signing / sqlite wal inserts (batches of 100): 0.30", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("assignments: 1 process, each signing /", StringComparison.Ordinal));
    }
}
