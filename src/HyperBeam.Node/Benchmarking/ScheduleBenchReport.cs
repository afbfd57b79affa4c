using System.Globalization;

namespace HyperBeam.Node.Benchmarking;

/// <summary>The table <c>hb bench schedule</c> prints: baselines first, then one row per scheduling scenario.</summary>
public static class ScheduleBenchReport
{
    public static void Write(TextWriter output, ScheduleBenchOptions options, IReadOnlyList<ScheduleBenchResult> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hb bench schedule: {options.Clients} concurrent clients, {options.Duration.TotalSeconds:0.#} s per row after at least {options.Warmup.TotalSeconds:0.#} s warm-up (more while the JIT is busy), {Environment.ProcessorCount} cores, local_confirmation, {JournalName(options.Journal)} journal"));
        var width = Math.Max("measure".Length, results.Max(r => r.Name.Length));
        output.WriteLine(Row(width, "measure", "operations", "per second", "errors"));
        foreach (var r in results)
            output.WriteLine(Row(width, r.Name,
                r.Operations.ToString(CultureInfo.InvariantCulture),
                r.PerSecond.ToString("0", CultureInfo.InvariantCulture),
                r.Errors.ToString(CultureInfo.InvariantCulture)));
        // The checkpoint rows' goal is a ratio to the SQLite baseline; the ceiling says how much of it these clients allow.
        var baseline = results.FirstOrDefault(r => r.Name == ScheduleBaselines.SqliteInsertsName);
        if (baseline is not { PerSecond: > 0 }) return;
        foreach (var r in results.Where(r => r.Name.StartsWith("best reachable", StringComparison.Ordinal) || r.Name.EndsWith("checkpoint signing", StringComparison.Ordinal)))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name} / {baseline.Name}: {r.PerSecond / baseline.PerSecond:0.00}"));
    }

    private static string JournalName(ScheduleJournal journal) => journal switch
    {
        ScheduleJournal.Postgres => "PostgreSQL",
        ScheduleJournal.Memory => "in-memory (nothing written)",
        _ => "SQLite WAL",
    };

    private static string Row(int width, string name, params string[] columns) =>
        name.PadRight(width) + string.Concat(columns.Select(c => "  " + c.PadLeft(11)));
}
