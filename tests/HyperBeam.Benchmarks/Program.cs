using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace HyperBeam.Benchmarks;

/// <summary>
/// BenchmarkDotNet entry point. All of BenchmarkDotNet's own arguments pass through (e.g. <c>--filter '*Resolve*'</c>).
/// One extra flag is handled here: <c>--quick</c> runs a short job (1 launch, 1 warmup, 3 iterations) so that a
/// filtered run finishes in well under a minute; the numbers are rough, use a full run for results you publish.
/// <para>
/// Every benchmark class has its baseline beside it: one method marked <c>[Benchmark(Baseline = true)]</c>, so that
/// BenchmarkDotNet's built-in Ratio column compares each benchmark against it on the same machine and run.
/// </para>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var quick = args.Contains("--quick");
        var rest = args.Where(a => a != "--quick").ToArray();

        IConfig config = DefaultConfig.Instance;
        if (quick)
        {
            config = config.AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithId("Quick")
                .AsDefault());
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);

        // Non-zero when a benchmark failed to build or run, so `build.ps1 bench` fails too.
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
