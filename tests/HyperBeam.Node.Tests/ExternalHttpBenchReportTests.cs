using HyperBeam.Node.Benchmarking.External;

namespace HyperBeam.Node.Tests;

/// <summary>
/// The report of <c>hb bench http-external</c> beside its rates: processor time per signed request in the node, in
/// plain Kestrel and in wrk, and the ratio a server that costs only the verify and plain Kestrel could reach.
/// </summary>
public class ExternalHttpBenchReportTests
{
    [Fact]
    public void The_signed_row_reports_plain_kestrels_and_wrks_processor_time_and_the_reachable_ratio()
    {
        var kestrel = Result(100_000, clientSeconds: 0.8);
        var node = Result(10_000, clientSeconds: 0.15);
        var signed = new ExternalHttpRow(ExternalHttpBench.SignedRow, kestrel, node,
            NodeProcessorTime: TimeSpan.FromSeconds(1.8), KestrelProcessorTime: TimeSpan.FromSeconds(1.0));
        var run = new ExternalHttpBenchRun([signed], VerificationsPerSecond: 20_000, VerifyMicroseconds: 85);
        var output = new StringWriter();

        ExternalHttpBenchReport.Write(output, new ExternalHttpBenchOptions(), run);

        var text = output.ToString();
        Assert.Contains("processor time: 180 µs per signed request in the node, 85 µs per raw verify (0.47)", text);
        // 85 / (180 + 15) and 85 / (85 + 10 + 15).
        Assert.Contains("processor time per signed POST: plain kestrel 10 µs, wrk 15 µs (against the node; 8 against kestrel); verify / (node + wrk) = 0.44, best reachable verify / (verify + kestrel + wrk) = 0.77", text);
    }

    [Fact]
    public void Without_kestrels_processor_time_there_is_no_floor_line()
    {
        var signed = new ExternalHttpRow(ExternalHttpBench.SignedRow, Result(100_000, 0), Result(10_000, 0), NodeProcessorTime: TimeSpan.FromSeconds(1.8));
        var output = new StringWriter();

        ExternalHttpBenchReport.Write(output, new ExternalHttpBenchOptions(), new ExternalHttpBenchRun([signed], 20_000, 85));

        Assert.DoesNotContain("best reachable", output.ToString());
    }

    private static WrkResult Result(long requests, double clientSeconds) =>
        new(requests, TimeSpan.FromSeconds(10), requests * 200, 0, 0, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5),
            TimeSpan.FromSeconds(clientSeconds));
}
