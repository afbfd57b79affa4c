using System.Globalization;

namespace HyperBeam.Processes.Devices.Cron;

/// <summary>dev_cron's intervals: <c>&lt;amount&gt;-&lt;unit&gt;</c>, units millisecond(s), second(s), minute(s), hour(s), day(s).</summary>
public static class CronIntervals
{
    public static bool TryParse(string text, out TimeSpan interval, out string error)
    {
        interval = default;
        var dash = text.IndexOf('-');
        if (dash <= 0 || !long.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"Invalid interval '{text}': expected <amount>-<unit>, e.g. 10-seconds.";
            return false;
        }
        var unit = text[(dash + 1)..].ToLowerInvariant();
        long? milliseconds = unit switch
        {
            _ when unit.StartsWith("millisecond", StringComparison.Ordinal) => amount,
            _ when unit.StartsWith("second", StringComparison.Ordinal) => amount * 1000,
            _ when unit.StartsWith("minute", StringComparison.Ordinal) => amount * 60_000,
            _ when unit.StartsWith("hour", StringComparison.Ordinal) => amount * 3_600_000,
            _ when unit.StartsWith("day", StringComparison.Ordinal) => amount * 86_400_000,
            _ => null,
        };
        if (milliseconds is null)
        {
            error = $"Invalid time unit: {text[(dash + 1)..]}";
            return false;
        }
        if (milliseconds <= 0)
        {
            error = "Invalid interval value.";
            return false;
        }
        interval = TimeSpan.FromMilliseconds(milliseconds.Value);
        error = "";
        return true;
    }
}
