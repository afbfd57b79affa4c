using System.Globalization;

namespace HyperBeam.Node.Benchmarking;

/// <summary>The table <c>hb bench http</c> prints: one row per target, the first row being the baseline the ratios divide by.</summary>
public static class BenchReport
{
    public static void Write(TextWriter output, LoadOptions options, IReadOnlyList<LoadResult> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hb bench http: {options.Connections} connections, {options.Duration.TotalSeconds:0.#} s per target, {Environment.ProcessorCount} cores, client and servers in one process"));
        var nameWidth = Math.Max("target".Length, results.Max(r => r.Name.Length));
        output.WriteLine(Row(nameWidth, "target", "requests", "req/s", "p50 ms", "p99 ms", "errors", "vs baseline"));
        var baseline = results.Count > 0 ? results[0].RequestsPerSecond : 0;
        foreach (var r in results)
        {
            output.WriteLine(Row(nameWidth,
                r.Name,
                r.Requests.ToString(CultureInfo.InvariantCulture),
                r.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture),
                r.Latencies.Percentile(50).TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.Latencies.Percentile(99).TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),
                r.Errors.ToString(CultureInfo.InvariantCulture),
                baseline > 0 ? (r.RequestsPerSecond / baseline).ToString("0.00", CultureInfo.InvariantCulture) : "-"));
        }
    }

    private static string Row(int nameWidth, string name, params string[] columns) =>
        name.PadRight(nameWidth) + string.Concat(columns.Select(c => "  " + c.PadLeft(11)));
}
