namespace HyperBeam.Node.Benchmarking.External;

/// <summary>One kind of request, sent by wrk to the plain Kestrel endpoint and then to the node with the same settings.</summary>
/// <param name="NodeProcessorTime">The processor time the node process used while wrk measured it (all its threads).</param>
public sealed record ExternalHttpRow(string Name, WrkResult Kestrel, WrkResult Node, TimeSpan NodeProcessorTime = default)
{
    public double Ratio => Kestrel.RequestsPerSecond > 0 ? Node.RequestsPerSecond / Kestrel.RequestsPerSecond : 0;

    /// <summary>The node's processor time per request answered, in microseconds (0 when not measured).</summary>
    public double NodeMicrosecondsPerRequest => Node.Requests > 0 ? NodeProcessorTime.TotalMicroseconds / Node.Requests : 0;
}
