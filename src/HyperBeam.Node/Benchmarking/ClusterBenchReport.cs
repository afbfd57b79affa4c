using System.Globalization;

namespace HyperBeam.Node.Benchmarking;

/// <summary>The table <c>hb bench cluster</c> prints: one row per cluster size, with its ratio to the first row.</summary>
public static class ClusterBenchReport
{
    public static void Write(TextWriter output, ClusterBenchOptions options, ClusterBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hb bench cluster: {options.Clients} concurrent clients, {options.Processes} processes, {options.Duration.TotalSeconds:0.#} s per row, {Environment.ProcessorCount} cores, checkpoint signing, {run.Journal} journal, all nodes in this process"));
        output.WriteLine(Row("cluster", "assignments", "per second", "errors", "ratio"));
        var first = run.Results.Count > 0 ? run.Results[0].PerSecond : 0;
        foreach (var r in run.Results)
            output.WriteLine(Row(RowName(r.Nodes),
                r.Operations.ToString(CultureInfo.InvariantCulture),
                r.PerSecond.ToString("0", CultureInfo.InvariantCulture),
                r.Errors.ToString(CultureInfo.InvariantCulture),
                first > 0 ? (r.PerSecond / first).ToString("0.00", CultureInfo.InvariantCulture) : "-"));
    }

    public static string RowName(int nodes) => $"{nodes}-node";

    private static string Row(string name, params string[] columns) =>
        name.PadRight(8) + string.Concat(columns.Select(c => "  " + c.PadLeft(11)));
}
