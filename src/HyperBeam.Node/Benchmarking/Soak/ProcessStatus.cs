using System.Globalization;

namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>
/// A process's resident set and thread count, read by its id from <c>/proc/PID/status</c> (Linux): from outside, so
/// the numbers are the kernel's and reading them costs the node nothing.
/// </summary>
public static class ProcessStatus
{
    public static (long RssBytes, int Threads) Read(int processId) =>
        Parse(File.ReadAllText(string.Create(CultureInfo.InvariantCulture, $"/proc/{processId}/status")));

    /// <summary>The <c>VmRSS</c> (kB) and <c>Threads</c> lines of a status file.</summary>
    /// <exception cref="FormatException">Either line is missing or not a number.</exception>
    public static (long RssBytes, int Threads) Parse(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        long? rssKb = null;
        int? threads = null;
        foreach (var line in status.Split('\n'))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rssKb = Number(line, "VmRSS:");
            else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = (int)Number(line, "Threads:");
        }
        if (rssKb is null || threads is null) throw new FormatException("a process status without VmRSS or Threads");
        return (rssKb.Value * 1024, threads.Value);
    }

    private static long Number(string line, string label)
    {
        var text = line[label.Length..].Trim();
        if (text.EndsWith("kB", StringComparison.Ordinal)) text = text[..^2].TrimEnd();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{line}' is not {label} and a whole number");
    }
}
