using System.Globalization;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// The table <c>hb bench http-external</c> prints: for each kind of request a Kestrel row and a node row (same wrk
/// script and settings), the node's ratio to Kestrel, then the raw verification rate and the signed row's ratio to it.
/// </summary>
public static class ExternalHttpBenchReport
{
    public const string VerifyRow = "rsa-4096 pss verifies (all cores, in-process)";

    public static void Write(TextWriter output, ExternalHttpBenchOptions options, ExternalHttpBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hb bench http-external: wrk {options.Threads} threads, {options.Connections} connections, {options.Duration.TotalSeconds:0} s per target after {options.Warmup.TotalSeconds:0} s warm-up, {Environment.ProcessorCount} cores; node: an hb run child process; kestrel: a plain endpoint in the bench process"));
        var names = run.Rows.SelectMany(r => new[] { KestrelName(r.Name), r.Name }).Append(VerifyRow).ToList();
        var width = Math.Max("target".Length, names.Max(n => n.Length));
        output.WriteLine(Row(width, "target", "requests", "req/s", "p50 ms", "p99 ms", "errors", "vs kestrel"));
        foreach (var row in run.Rows)
        {
            output.WriteLine(Row(width, KestrelName(row.Name), Columns(row.Kestrel, "1.00")));
            output.WriteLine(Row(width, row.Name, Columns(row.Node, row.Ratio.ToString("0.00", CultureInfo.InvariantCulture))));
        }
        output.WriteLine(Row(width, VerifyRow, "-", run.VerificationsPerSecond.ToString("0", CultureInfo.InvariantCulture), "-", "-", "-", "-"));
        if (run.SignedToVerifyRatio is { } ratio)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"signed requests / raw verifies: {ratio:0.00} (goal ≥ 0.8)"));
        // The rates above swing with the neighbours' load on a shared machine; processor time per operation does less.
        if (run.SignedRow is { NodeMicrosecondsPerRequest: > 0 } signed && run.VerifyMicroseconds > 0)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"processor time: {signed.NodeMicrosecondsPerRequest:0} µs per signed request in the node, {run.VerifyMicroseconds:0} µs per raw verify ({run.VerifyMicroseconds / signed.NodeMicrosecondsPerRequest:0.00})"));
        if (run.SignedRow is { NodeMicrosecondsPerRequest: > 0, KestrelMicrosecondsPerRequest: > 0 } measured && run.VerifyMicroseconds > 0)
            output.WriteLine(Floor(measured, run.VerifyMicroseconds));
    }

    public static string KestrelName(string row) => $"kestrel ({row})";

    /// <summary>
    /// What the same signed POSTs cost plain Kestrel and wrk, and the ratio they leave reachable: when wrk and the
    /// server share the cores, signed requests per second over raw verifies per second is at best the verify's
    /// processor time over (verify + serving + wrk), with serving at its floor, plain Kestrel's.
    /// </summary>
    public static string Floor(ExternalHttpRow signed, double verifyMicroseconds)
    {
        ArgumentNullException.ThrowIfNull(signed);
        var kestrel = signed.KestrelMicrosecondsPerRequest;
        var wrk = signed.Node.ClientMicrosecondsPerRequest;
        var now = verifyMicroseconds / (signed.NodeMicrosecondsPerRequest + wrk);
        var floor = verifyMicroseconds / (verifyMicroseconds + kestrel + wrk);
        return string.Create(CultureInfo.InvariantCulture,
            $"processor time per signed POST: plain kestrel {kestrel:0} µs, wrk {wrk:0} µs (against the node; {signed.Kestrel.ClientMicrosecondsPerRequest:0} against kestrel); verify / (node + wrk) = {now:0.00}, best reachable verify / (verify + kestrel + wrk) = {floor:0.00}");
    }

    private static string[] Columns(WrkResult r, string ratio) =>
    [
        r.Requests.ToString(CultureInfo.InvariantCulture),
        r.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture),
        r.P50.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),
        r.P99.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture),
        r.Errors.ToString(CultureInfo.InvariantCulture),
        ratio,
    ];

    private static string Row(int width, string name, params string[] columns) =>
        name.PadRight(width) + string.Concat(columns.Select(c => "  " + c.PadLeft(10)));
}
