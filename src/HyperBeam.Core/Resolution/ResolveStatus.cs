namespace HyperBeam.Core.Resolution;

/// <summary>
/// The status of a resolution, as HyperBEAM's result atoms. <see cref="Skip"/> and <see cref="Pass"/>
/// are control statuses a device inside a <c>stack@1.0</c> returns to steer the stack.
/// </summary>
public enum ResolveStatus
{
    Ok,
    Created,
    Error,
    NotFound,
    Failure,
    Unavailable,
    Skip,
    Pass,
}
