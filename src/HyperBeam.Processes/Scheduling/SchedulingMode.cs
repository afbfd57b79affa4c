namespace HyperBeam.Processes.Scheduling;

/// <summary>When a scheduler answers a <c>Schedule</c> (HyperBEAM's <c>scheduling_mode</c>).</summary>
public enum SchedulingMode
{
    /// <summary>After the assignment is durably written (HyperBEAM's <c>local_confirmation</c>, the default).</summary>
    LocalConfirmation,

    /// <summary>As soon as the assignment exists, before the write: faster, but a crash may forget an answered slot.</summary>
    Aggressive,
}
