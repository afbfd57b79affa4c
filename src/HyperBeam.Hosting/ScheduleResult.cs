using HyperBeam.Processes.Protocol;

namespace HyperBeam.Hosting;

/// <summary>What scheduling a message came to: the assignment, or a status and why not.</summary>
public sealed record ScheduleResult(Scheduled? Scheduled, int Status, string? Error)
{
    public bool IsOk => Scheduled is not null;

    public static ScheduleResult Of(Scheduled scheduled) => new(scheduled, 200, null);

    public static ScheduleResult Failed(int status, string error) => new(null, status, error);
}
