using HyperBeam.Node.Benchmarking.Soak;

namespace HyperBeam.Node.Tests;

/// <summary>What the soak reads about the node: its /proc status and one metric of its Prometheus text.</summary>
public class SoakProbesTests
{
    [Fact]
    public void A_proc_status_gives_the_resident_set_in_bytes_and_the_thread_count()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t 3000000 kB\nVmRSS:\t  204800 kB\nRssAnon:\t  150000 kB\nThreads:\t42\n";
        Assert.Equal((204800L * 1024, 42), ProcessStatus.Parse(status));
    }

    [Fact]
    public void A_status_without_a_resident_set_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => ProcessStatus.Parse("Name:\tzombie\nThreads:\t1\n"));
    }

    [Fact]
    public void This_process_status_reads_on_linux()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc is Linux's
        var (rss, threads) = ProcessStatus.Read(Environment.ProcessId);
        Assert.True(rss > 0);
        Assert.True(threads > 0);
    }

    [Fact]
    public void A_metric_is_read_by_its_exact_name_past_comments_and_longer_names()
    {
        const string text = """
            # HELP dotnet_total_memory_bytes Total known allocated memory
            # TYPE dotnet_total_memory_bytes gauge
            dotnet_total_memory_bytes_extra 1
            dotnet_total_memory_bytes 1.2345E+07
            """;
        Assert.Equal(12_345_000, PrometheusValue.Read(text, "dotnet_total_memory_bytes"));
        Assert.Null(PrometheusValue.Read(text, "process_num_threads"));
    }
}
