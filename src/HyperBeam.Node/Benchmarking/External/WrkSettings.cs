using System.Globalization;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>The wrk settings every row of a run shares, so the node's rows and Kestrel's compare.</summary>
public sealed record WrkSettings(int Threads, int Connections, TimeSpan Timeout)
{
    public IEnumerable<string> Arguments(TimeSpan duration) =>
    [
        "--threads", Threads.ToString(CultureInfo.InvariantCulture),
        "--connections", Connections.ToString(CultureInfo.InvariantCulture),
        "--duration", Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s",
        "--timeout", Math.Max(1, (int)Math.Round(Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s",
    ];
}
