namespace HyperBeam.Node.Benchmarking.External;

/// <summary>One kind of request, sent by wrk to the plain Kestrel endpoint and then to the node with the same settings.</summary>
/// <param name="NodeProcessorTime">The processor time the node process used while wrk measured it (all its threads).</param>
/// <param name="KestrelProcessorTime">
/// The processor time the bench process (which hosts the plain Kestrel endpoint and otherwise waits) used while wrk
/// measured Kestrel: the floor of serving the same requests over the same loopback TCP.
/// </param>
public sealed record ExternalHttpRow(string Name, WrkResult Kestrel, WrkResult Node, TimeSpan NodeProcessorTime = default, TimeSpan KestrelProcessorTime = default)
{
    public double Ratio => Kestrel.RequestsPerSecond > 0 ? Node.RequestsPerSecond / Kestrel.RequestsPerSecond : 0;

    /// <summary>The node's processor time per request answered, in microseconds (0 when not measured).</summary>
    public double NodeMicrosecondsPerRequest => Node.Requests > 0 ? NodeProcessorTime.TotalMicroseconds / Node.Requests : 0;

    /// <summary>The plain Kestrel endpoint's processor time per request answered, in microseconds (0 when not measured).</summary>
    public double KestrelMicrosecondsPerRequest => Kestrel.Requests > 0 ? KestrelProcessorTime.TotalMicroseconds / Kestrel.Requests : 0;
}
