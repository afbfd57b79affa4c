using System.Globalization;

namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>What <c>hb bench soak</c> prints: the series, the load each kind of request got, and the verdict.</summary>
public static class SoakReport
{
    private const double MiB = 1024 * 1024;

    public static void Write(TextWriter output, SoakOptions options, SoakRun run)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hb bench soak: {options.Duration.TotalMinutes:0.#} min after {options.Warmup.TotalSeconds:0} s warm-up, {options.GetsPerSecond} GETs/s + {options.SchedulesPerSecond} schedules/s + {options.ComputesPerSecond} computes/s, {Environment.ProcessorCount} cores, an hb run child process"));
        // rss − gc committed: what is not the managed heap (native allocations, code, mapped files), to tell their growth apart.
        output.WriteLine("     s     rss MiB    heap MiB  gc committed MiB  rss-gc MiB   threads    requests");
        foreach (var sample in run.Samples) output.WriteLine(SampleLine(sample));
        foreach (var counts in run.Load)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{counts.Kind}: {counts.Ok} ok, {counts.Errors} errors, {counts.Skipped} skipped{(counts.FirstError is { } e ? $" (first error: {e})" : "")}"));
        }
        output.WriteLine(VerdictLine(run.Verdict, run.Samples));
    }

    public static string SampleLine(MemorySample s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.At.TotalSeconds,6:0}  {s.RssBytes / MiB,10:0.0}  {OrDash(s.GcHeapBytes),10}  {OrDash(s.GcCommittedBytes),16}  {OrDash(s.RssBytes - s.GcCommittedBytes),10}  {s.Threads,8}  {s.Requests,10}");

    private static string OrDash(long? bytes) => bytes is { } b ? (b / MiB).ToString("0.0", CultureInfo.InvariantCulture) : "-";

    public static string VerdictLine(SoakVerdict verdict, IReadOnlyList<MemorySample> samples)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(samples);
        var minutes = samples.Count > 1 ? (samples[^1].At - samples[0].At).TotalMinutes : 0;
        var slope = minutes > 0 ? (samples[^1].RssBytes - samples[0].RssBytes) / MiB / minutes : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"rss: first quarter {verdict.FirstQuarterBytes / MiB:0.0} MiB, last quarter {verdict.LastQuarterBytes / MiB:0.0} MiB, {verdict.Growth * 100:+0.0;-0.0} % ({slope:+0.0;-0.0} MiB/min first to last sample): {(verdict.Flat ? "FLAT" : "GROWING")} (within {verdict.Tolerance * 100:0} %)");
    }
}
