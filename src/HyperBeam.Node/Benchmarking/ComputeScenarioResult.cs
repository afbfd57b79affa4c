namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// One recovery scenario of <c>hb bench compute</c> (with or without snapshots): writing the schedule, computing it
/// once, and after a restart the scheduler's recovery and the time to the last slot, which ran
/// <see cref="SlotsRerun"/> slots again from the snapshot of <see cref="ResumedFrom"/>.
/// </summary>
public sealed record ComputeScenarioResult(
    ComputeBenchResult Scheduled,
    ComputeBenchResult Computed,
    ComputeBenchResult SchedulerRecovery,
    ComputeBenchResult ComputeRecovery,
    long ResumedFrom)
{
    public long SlotsRerun => ComputeRecovery.Operations;
}
