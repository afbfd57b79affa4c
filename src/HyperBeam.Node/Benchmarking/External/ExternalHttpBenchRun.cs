namespace HyperBeam.Node.Benchmarking.External;

/// <summary>Everything <c>hb bench http-external</c> measured in one run.</summary>
/// <param name="VerificationsPerSecond">RSA-4096 PSS verifications per second on all cores, in the bench process (<see cref="VerifyBaseline"/>).</param>
public sealed record ExternalHttpBenchRun(IReadOnlyList<ExternalHttpRow> Rows, double VerificationsPerSecond)
{
    /// <summary>The node's signed-request rate as a fraction of the raw verification rate (the goal is 0.8).</summary>
    public double? SignedToVerifyRatio =>
        Rows.FirstOrDefault(r => r.Name.StartsWith(ExternalHttpBench.SignedRowPrefix, StringComparison.Ordinal)) is { } signed && VerificationsPerSecond > 0
            ? signed.Node.RequestsPerSecond / VerificationsPerSecond
            : null;
}
