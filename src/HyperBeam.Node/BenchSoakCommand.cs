using System.CommandLine;
using HyperBeam.Node.Benchmarking.Soak;

namespace HyperBeam.Node;

/// <summary>
/// <c>hb bench soak [--minutes N] [--warmup S] [--sample-every S] [--gets R] [--schedules R] [--computes R]</c>: a mixed
/// load on a real <c>hb run</c> child process; prints its RSS, heap and threads over time and whether the RSS stayed
/// flat. Exit 0 when flat, 3 when it grew beyond the tolerance (so a script can fail on a leak), 1 when the soak failed.
/// </summary>
public static class BenchSoakCommand
{
    public const int GrewExitCode = 3;
    public const int MaxMinutes = 24 * 60;
    public const int MaxRate = 10_000;

    public static Command Create()
    {
        var minutes = new Option<int>("--minutes", "-m")
        {
            Description = $"Measured minutes after the warm-up (1 to {MaxMinutes})",
            DefaultValueFactory = _ => 10,
        };
        minutes.Validators.Add(result => BenchCommand.InRange(result, minutes, 1, MaxMinutes));
        var warmup = new Option<int>("--warmup", "-w")
        {
            Description = "Seconds of load before the first sample (0 to 3600)",
            DefaultValueFactory = _ => 60,
        };
        warmup.Validators.Add(result => BenchCommand.InRange(result, warmup, 0, 3600));
        var sampleEvery = new Option<int>("--sample-every")
        {
            Description = "Seconds between samples (1 to 600; at least 4 samples are needed for a verdict)",
            DefaultValueFactory = _ => 5,
        };
        sampleEvery.Validators.Add(result => BenchCommand.InRange(result, sampleEvery, 1, 600));
        var gets = Rate("--gets", "GETs per second: the info page and distinct resolutions", 150);
        var schedules = Rate("--schedules", "Signed messages scheduled per second", 8);
        var computes = Rate("--computes", "Computes of the newest slot per second", 2);

        var command = new Command("soak", "A mixed load (GETs, schedules, computes) on a real hb run for N minutes: is its RSS flat within 10 %?");
        foreach (var option in new Option[] { minutes, warmup, sampleEvery, gets, schedules, computes }) command.Options.Add(option);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new SoakOptions
            {
                Duration = TimeSpan.FromMinutes(parseResult.GetValue(minutes)),
                Warmup = TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
                SampleEvery = TimeSpan.FromSeconds(parseResult.GetValue(sampleEvery)),
                GetsPerSecond = parseResult.GetValue(gets),
                SchedulesPerSecond = parseResult.GetValue(schedules),
                ComputesPerSecond = parseResult.GetValue(computes),
            };
            var error = parseResult.InvocationConfiguration.Error;
            // Checked here rather than by a command validator, which runs before the options' defaults exist.
            if (Samples(options) < SoakVerdict.MinSamples)
            {
                error.WriteLine($"hb bench soak: {options.Duration.TotalMinutes:0} min sampled every {options.SampleEvery.TotalSeconds:0} s gives {Samples(options)} samples; a verdict needs {SoakVerdict.MinSamples}");
                return 2;
            }
            try
            {
                var run = await SoakBench.RunAsync(options, error, cancellationToken);
                SoakReport.Write(parseResult.InvocationConfiguration.Output, options, run);
                return run.Verdict.Flat ? 0 : GrewExitCode;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or PlatformNotSupportedException)
            {
                error.WriteLine($"hb bench soak: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Samples at 0, every, 2·every… up to the duration.</summary>
    public static int Samples(SoakOptions options) => (int)(options.Duration / options.SampleEvery) + 1;

    private static Option<int> Rate(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = $"{description} (0 to {MaxRate})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result => BenchCommand.InRange(result, option, 0, MaxRate));
        return option;
    }
}
