namespace HyperBeam.Node.Benchmarking.External;

/// <summary>One kind of request, sent by wrk to the plain Kestrel endpoint and then to the node with the same settings.</summary>
public sealed record ExternalHttpRow(string Name, WrkResult Kestrel, WrkResult Node)
{
    public double Ratio => Kestrel.RequestsPerSecond > 0 ? Node.RequestsPerSecond / Kestrel.RequestsPerSecond : 0;
}
