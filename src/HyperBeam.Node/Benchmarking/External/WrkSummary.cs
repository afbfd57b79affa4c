using System.Globalization;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// The one line every bench script's <c>done</c> callback prints (<see cref="WrkScripts.Done"/>), and its reading.
/// A line of our own rather than wrk's human report: its units (<c>us</c>, <c>ms</c>, <c>s</c>, <c>k</c>) and
/// rounding vary with the magnitude, the summary's integers do not.
/// </summary>
public static class WrkSummary
{
    public const string Marker = "hb-wrk";

    private static readonly string[] Keys = ["requests", "duration_us", "bytes", "connect", "read", "write", "status", "timeout", "p50_us", "p99_us"];

    /// <summary>The Lua format string of the line, in the order of <see cref="Keys"/>.</summary>
    public static string LuaFormat => Marker + string.Concat(Keys.Select(k => $" {k}=%.0f")) + "\\n";

    /// <summary>Reads the summary line out of wrk's whole standard output.</summary>
    /// <exception cref="FormatException">No summary line, or one that lacks a key or holds a value that is not a whole number.</exception>
    public static WrkResult Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Marker + " ", StringComparison.Ordinal))
            ?? throw new FormatException($"wrk printed no '{Marker}' summary line; its output was:\n{output}");
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in line[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0 || !long.TryParse(pair.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"'{pair}' in wrk's summary line is not key=whole number: {line}");
            values[pair[..eq]] = value;
        }
        var missing = Keys.Where(k => !values.ContainsKey(k)).ToList();
        if (missing.Count > 0) throw new FormatException($"wrk's summary line lacks {string.Join(", ", missing)}: {line}");
        return new WrkResult(
            values["requests"],
            TimeSpan.FromMicroseconds(values["duration_us"]),
            values["bytes"],
            values["status"],
            values["connect"] + values["read"] + values["write"] + values["timeout"],
            TimeSpan.FromMicroseconds(values["p50_us"]),
            TimeSpan.FromMicroseconds(values["p99_us"]));
    }
}
