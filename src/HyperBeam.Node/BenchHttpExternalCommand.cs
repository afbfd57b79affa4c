using System.CommandLine;
using HyperBeam.Node.Benchmarking.External;

namespace HyperBeam.Node;

/// <summary>
/// <c>hb bench http-external [--threads T] [--connections N] [--duration S] [--warmup S] [--signed-pool P]</c>: wrk
/// (installed with apt-get when missing and running as root) against a real <c>hb run</c> child process and a plain
/// Kestrel endpoint: distinct GETs, signed POSTs, process reads and the info page, beside the raw RSA verify rate.
/// </summary>
public static class BenchHttpExternalCommand
{
    public const int MaxThreads = 64;
    public const int MaxSignedPool = 100_000;

    public static Command Create()
    {
        var threads = new Option<int>("--threads", "-t")
        {
            Description = $"wrk threads (1 to {MaxThreads}; at most the connections)",
            DefaultValueFactory = _ => Math.Min(Environment.ProcessorCount, 4),
        };
        threads.Validators.Add(result => BenchCommand.InRange(result, threads, 1, MaxThreads));
        var connections = new Option<int>("--connections", "-c")
        {
            Description = $"wrk connections, each with one request in flight (1 to {BenchCommand.MaxConnections})",
            DefaultValueFactory = _ => 16,
        };
        connections.Validators.Add(result => BenchCommand.InRange(result, connections, 1, BenchCommand.MaxConnections));
        var duration = new Option<int>("--duration", "-d")
        {
            Description = $"Seconds of measured load per target (1 to {BenchCommand.MaxDurationSeconds})",
            DefaultValueFactory = _ => 10,
        };
        duration.Validators.Add(result => BenchCommand.InRange(result, duration, 1, BenchCommand.MaxDurationSeconds));
        var warmup = new Option<int>("--warmup", "-w")
        {
            Description = "Seconds of unmeasured load per target before measuring it (0 to 60)",
            DefaultValueFactory = _ => 2,
        };
        warmup.Validators.Add(result => BenchCommand.InRange(result, warmup, 0, 60));
        var signedPool = new Option<int>("--signed-pool")
        {
            Description = $"Distinct signed requests signed beforehand and cycled through (1 to {MaxSignedPool})",
            DefaultValueFactory = _ => 512,
        };
        signedPool.Validators.Add(result => BenchCommand.InRange(result, signedPool, 1, MaxSignedPool));

        var command = new Command("http-external", "wrk against a real hb run child process beside plain Kestrel: distinct, signed, process-read and info requests");
        foreach (var option in new Option[] { threads, connections, duration, warmup, signedPool }) command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new ExternalHttpBenchOptions
            {
                Threads = parseResult.GetValue(threads),
                Connections = parseResult.GetValue(connections),
                Duration = TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
                SignedPool = parseResult.GetValue(signedPool),
            };
            var error = parseResult.InvocationConfiguration.Error;
            // wrk refuses more threads than connections; checked here, where the options' defaults exist.
            if (options.Threads > options.Connections)
            {
                error.WriteLine($"hb bench http-external: --threads ({options.Threads}) must not exceed --connections ({options.Connections})");
                return 2;
            }
            try
            {
                var run = await ExternalHttpBench.RunAsync(options, error, cancellationToken);
                ExternalHttpBenchReport.Write(parseResult.InvocationConfiguration.Output, options, run);
                return 0;
            }
            catch (WrkMissingException e)
            {
                error.WriteLine($"hb bench http-external: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or FormatException)
            {
                // A node that did not start, a setup request it refused, a wrk that failed: nothing measured.
                error.WriteLine($"hb bench http-external: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
