using System.Diagnostics;
using System.Globalization;
using HyperBeam.Core.Wallets;
using HyperBeam.Node.Benchmarking.External;

namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>
/// <c>hb bench soak</c>'s work: a real <c>hb run</c> child process under <see cref="SoakLoad"/> for the warm-up and
/// then the measured time, its RSS and thread count read from <c>/proc</c> and its managed heap from its /metrics
/// every <see cref="SoakOptions.SampleEvery"/>, and the verdict on the RSS series.
/// </summary>
public static class SoakBench
{
    /// <summary>prometheus-net's default collector: <c>GC.GetTotalMemory(false)</c> of the node.</summary>
    public const string GcHeapMetric = "dotnet_total_memory_bytes";

    /// <summary>The runtime meter's committed GC memory at the last collection (bytes).</summary>
    public const string GcCommittedMetric = "system_runtime_dotnet_gc_last_collection_memory_committed_size";

    public static async Task<SoakRun> RunAsync(SoakOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the soak reads the node's memory from /proc (Linux)");
        progress.WriteLine("hb bench soak: creating a wallet and starting hb run…");
        using var wallet = Wallet.Create();
        await using var node = await NodeChildProcess.StartAsync(cancellationToken: cancellationToken);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.MaxInFlight * 3 })
        {
            BaseAddress = node.Url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var process = await BenchProcess.SpawnAsync(client, wallet, cancellationToken);
        var load = new SoakLoad(client, process, options);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = load.RunAsync(stop.Token);
        var samples = new List<MemorySample>();
        try
        {
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hb bench soak: {options.GetsPerSecond} GETs/s, {options.SchedulesPerSecond} schedules/s, {options.ComputesPerSecond} computes/s; warm-up {options.Warmup.TotalSeconds:0} s…"));
            await Task.Delay(options.Warmup, cancellationToken);
            var clock = Stopwatch.StartNew();
            for (var next = TimeSpan.Zero; next <= options.Duration; next += options.SampleEvery)
            {
                if (next > clock.Elapsed) await Task.Delay(next - clock.Elapsed, cancellationToken);
                if (node.HasExited) throw new IOException("the node exited during the soak");
                var sample = await SampleAsync(node, client, clock.Elapsed, load.Answered, cancellationToken);
                samples.Add(sample);
                progress.WriteLine(SoakReport.SampleLine(sample));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
        return new SoakRun(samples, SoakVerdict.Of(samples.Select(s => s.RssBytes).ToList(), options.Tolerance), load.All);
    }

    private static async Task<MemorySample> SampleAsync(NodeChildProcess node, HttpClient client, TimeSpan at, long answered, CancellationToken cancellationToken)
    {
        var (rss, threads) = ProcessStatus.Read(node.ProcessId);
        long? heap = null, committed = null;
        try
        {
            var metrics = await client.GetStringAsync("/metrics", cancellationToken);
            heap = PrometheusValue.Read(metrics, GcHeapMetric) is { } h ? (long)h : null;
            committed = PrometheusValue.Read(metrics, GcCommittedMetric) is { } c ? (long)c : null;
        }
        catch (HttpRequestException)
        {
            // Metrics off (HB_FEATURES__METRICS=off): the series goes without the heap.
        }
        return new MemorySample(at, rss, heap, committed, threads, answered);
    }
}
