namespace HyperBeam.Processes.Scheduling;

/// <summary>Node-message option names and values of the scheduler, and their parsing (unknown values are refused by name).</summary>
public static class SchedulerOptionNames
{
    public const string SchedulingMode = "scheduling_mode";
    public const string AssignmentSigning = "assignment_signing";
    public const string CheckpointEvery = "scheduler_checkpoint_every";
    public const string CheckpointInterval = "scheduler_checkpoint_interval_ms";
    public const string CheckpointSpacing = "scheduler_checkpoint_spacing_ms";
    public const string SnapshotEvery = "scheduler_snapshot_every";
    public const string RecentAssignments = "scheduler_recent_assignments";
    public const string RecentAssignmentBytes = "scheduler_recent_assignment_bytes";

    public static SchedulingMode ParseSchedulingMode(string? text) => text switch
    {
        null or "" or "local_confirmation" or "local-confirmation" or "sync" => Scheduling.SchedulingMode.LocalConfirmation,
        "aggressive" => Scheduling.SchedulingMode.Aggressive,
        _ => throw new ArgumentException($"{SchedulingMode} = '{text}' is not allowed: use local_confirmation or aggressive"),
    };

    public static AssignmentSigning ParseAssignmentSigning(string? text) => text switch
    {
        null or "" or "each" => Scheduling.AssignmentSigning.Each,
        "checkpoint" => Scheduling.AssignmentSigning.Checkpoint,
        _ => throw new ArgumentException($"{AssignmentSigning} = '{text}' is not allowed: use each or checkpoint"),
    };

    public static string Name(SchedulingMode mode) => mode == Scheduling.SchedulingMode.Aggressive ? "aggressive" : "local_confirmation";

    public static string Name(AssignmentSigning signing) => signing == Scheduling.AssignmentSigning.Checkpoint ? "checkpoint" : "each";
}
