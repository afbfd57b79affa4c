using HyperBeam.Node.Benchmarking.External;

namespace HyperBeam.Node.Tests;

/// <summary>The summary line of the bench's wrk scripts, read out of wrk's whole output.</summary>
public class WrkSummaryTests
{
    private const string Output = """
        Running 10s test @ http://127.0.0.1:41234/
          2 threads and 16 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency     1.21ms    2.03ms  40.12ms   92.51%
            Req/Sec     7.12k   612.33     8.01k    71.00%
          141800 requests in 10.01s, 20.85MB read
          Non-2xx or 3xx responses: 12
        Requests/sec:  14166.83
        Transfer/sec:      2.08MB
        hb-wrk requests=141800 duration_us=10010000 bytes=21862400 connect=0 read=3 write=1 status=12 timeout=2 p50_us=905 p99_us=10250
        """;

    [Fact]
    public void The_summary_line_gives_requests_duration_errors_and_percentiles()
    {
        var result = WrkSummary.Parse(Output);

        Assert.Equal(141800, result.Requests);
        Assert.Equal(TimeSpan.FromSeconds(10.01), result.Duration);
        Assert.Equal(21862400, result.Bytes);
        Assert.Equal(12, result.StatusErrors);
        Assert.Equal(6, result.SocketErrors);
        Assert.Equal(18, result.Errors);
        Assert.Equal(TimeSpan.FromMicroseconds(905), result.P50);
        Assert.Equal(TimeSpan.FromMicroseconds(10250), result.P99);
        Assert.Equal(141800 / 10.01, result.RequestsPerSecond, precision: 6);
    }

    [Fact]
    public void Output_without_a_summary_line_is_a_format_error_that_shows_the_output()
    {
        var e = Assert.Throws<FormatException>(() => WrkSummary.Parse("unable to connect to 127.0.0.1:1 Connection refused\n"));
        Assert.Contains("Connection refused", e.Message);
    }

    [Fact]
    public void A_summary_line_missing_a_key_names_it()
    {
        var e = Assert.Throws<FormatException>(() => WrkSummary.Parse("hb-wrk requests=1 duration_us=2 bytes=3 connect=0 read=0 write=0 status=0 timeout=0 p50_us=1\n"));
        Assert.Contains("p99_us", e.Message);
    }

    [Theory]
    [InlineData("requests=-1")]
    [InlineData("requests=1.5")]
    [InlineData("requests")]
    public void A_value_that_is_not_a_whole_number_is_a_format_error(string pair)
    {
        var line = $"hb-wrk {pair} duration_us=2 bytes=3 connect=0 read=0 write=0 status=0 timeout=0 p50_us=1 p99_us=1";
        Assert.Throws<FormatException>(() => WrkSummary.Parse(line));
    }

    [Fact]
    public void A_run_of_no_time_has_no_rate_rather_than_a_division_by_zero()
    {
        var result = WrkSummary.Parse("hb-wrk requests=0 duration_us=0 bytes=0 connect=0 read=0 write=0 status=0 timeout=0 p50_us=0 p99_us=0");
        Assert.Equal(0, result.RequestsPerSecond);
    }

    [Fact]
    public void The_lua_format_prints_every_key_the_parser_reads()
    {
        // The scripts print with LuaFormat; filling its ten %.0f with numbers must give a line Parse accepts.
        var line = WrkSummary.LuaFormat.Replace("\\n", "", StringComparison.Ordinal);
        var filled = string.Join("1", line.Split("%.0f"));
        Assert.Equal(1, WrkSummary.Parse(filled).Requests);
    }
}
