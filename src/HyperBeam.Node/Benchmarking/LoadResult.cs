namespace HyperBeam.Node.Benchmarking;

/// <summary>What one timed load run measured: completed requests, failures, wall time and the latency histogram.</summary>
public sealed record LoadResult(string Name, long Requests, long Errors, TimeSpan Elapsed, LatencyHistogram Latencies)
{
    /// <summary>Successful and failed requests per second of wall time.</summary>
    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? (Requests + Errors) / Elapsed.TotalSeconds : 0;
}
