namespace HyperBeam.Node.Benchmarking.External;

/// <summary>Everything <c>hb bench http-external</c> measured in one run.</summary>
/// <param name="VerificationsPerSecond">RSA-4096 PSS verifications per second on all cores, in the bench process (<see cref="VerifyBaseline"/>).</param>
/// <param name="VerifyMicroseconds">The bench process's processor time per raw verification, in microseconds.</param>
public sealed record ExternalHttpBenchRun(IReadOnlyList<ExternalHttpRow> Rows, double VerificationsPerSecond, double VerifyMicroseconds = 0)
{
    /// <summary>The signed row, when the run has one.</summary>
    public ExternalHttpRow? SignedRow => Rows.FirstOrDefault(r => r.Name.StartsWith(ExternalHttpBench.SignedRowPrefix, StringComparison.Ordinal));

    /// <summary>The node's signed-request rate as a fraction of the raw verification rate (the goal is 0.8).</summary>
    public double? SignedToVerifyRatio =>
        SignedRow is { } signed && VerificationsPerSecond > 0
            ? signed.Node.RequestsPerSecond / VerificationsPerSecond
            : null;
}
