namespace HyperBeam.Node.Benchmarking.External;

/// <summary>What one wrk run reports (its <c>done</c> callback's summary line, see <see cref="WrkSummary"/>).</summary>
/// <param name="StatusErrors">Replies outside 2xx/3xx.</param>
/// <param name="SocketErrors">Connect, read, write and timeout errors together.</param>
/// <param name="ClientProcessorTime">The processor time wrk itself used (zero where it cannot be read).</param>
public sealed record WrkResult(long Requests, TimeSpan Duration, long Bytes, long StatusErrors, long SocketErrors, TimeSpan P50, TimeSpan P99,
    TimeSpan ClientProcessorTime = default)
{
    public long Errors => StatusErrors + SocketErrors;

    /// <summary>Every request wrk completed, errors included, as wrk's own Requests/sec line counts them.</summary>
    public double RequestsPerSecond => Duration > TimeSpan.Zero ? Requests / Duration.TotalSeconds : 0;

    /// <summary>wrk's processor time per request it completed, in microseconds (0 when not measured).</summary>
    public double ClientMicrosecondsPerRequest => Requests > 0 ? ClientProcessorTime.TotalMicroseconds / Requests : 0;
}
