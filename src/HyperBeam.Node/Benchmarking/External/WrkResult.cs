namespace HyperBeam.Node.Benchmarking.External;

/// <summary>What one wrk run reports (its <c>done</c> callback's summary line, see <see cref="WrkSummary"/>).</summary>
/// <param name="StatusErrors">Replies outside 2xx/3xx.</param>
/// <param name="SocketErrors">Connect, read, write and timeout errors together.</param>
public sealed record WrkResult(long Requests, TimeSpan Duration, long Bytes, long StatusErrors, long SocketErrors, TimeSpan P50, TimeSpan P99)
{
    public long Errors => StatusErrors + SocketErrors;

    /// <summary>Every request wrk completed, errors included, as wrk's own Requests/sec line counts them.</summary>
    public double RequestsPerSecond => Duration > TimeSpan.Zero ? Requests / Duration.TotalSeconds : 0;
}
