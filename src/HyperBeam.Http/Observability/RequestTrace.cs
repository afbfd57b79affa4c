using System.Diagnostics;
using System.Globalization;
using System.Text;
using HyperBeam.Core.Messages;

namespace HyperBeam.Http.Observability;

/// <summary>
/// The stages of one request with their timings, for <c>?trace=1</c>: each <see cref="Mark"/> closes the stage that
/// ran since the previous one. The reply carries them as a <c>trace</c> list and as a standard <c>Server-Timing</c>
/// header (which browsers' developer tools show).
/// </summary>
public sealed class RequestTrace
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly List<(string Stage, TimeSpan Start, TimeSpan Duration)> _stages = [];
    private long _last;

    public RequestTrace() => _last = _start;

    /// <summary>Ends the stage named <paramref name="stage"/> now.</summary>
    public void Mark(string stage)
    {
        var now = Stopwatch.GetTimestamp();
        _stages.Add((stage, Stopwatch.GetElapsedTime(_start, _last), Stopwatch.GetElapsedTime(_last, now)));
        _last = now;
    }

    public IReadOnlyList<string> Stages => _stages.Select(s => s.Stage).ToList();

    /// <summary>The stages as messages: <c>stage</c>, <c>start-ms</c> and <c>duration-ms</c> (floats, milliseconds).</summary>
    public AoList ToList() => new(_stages.Select(s => (AoValue)Message.Of(
        ("stage", s.Stage), ("start-ms", Math.Round(s.Start.TotalMilliseconds, 3)), ("duration-ms", Math.Round(s.Duration.TotalMilliseconds, 3)))));

    /// <summary>The W3C <c>Server-Timing</c> header value, e.g. <c>read;dur=0.1, resolve;dur=2.5</c>.</summary>
    public string ToServerTiming()
    {
        var header = new StringBuilder();
        foreach (var (stage, _, duration) in _stages)
        {
            if (header.Length > 0) header.Append(", ");
            header.Append(stage).Append(";dur=").Append(duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture));
        }
        return header.ToString();
    }
}
