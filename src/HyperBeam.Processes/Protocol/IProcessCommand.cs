namespace HyperBeam.Processes.Protocol;

/// <summary>
/// A command for one process. The shard region routes it by <see cref="ProcessId"/> to the process's
/// <c>ProcessEntity</c>, wherever in the cluster that entity lives.
/// </summary>
public interface IProcessCommand
{
    /// <summary>The process ID: the ID of the process message with all its commitments.</summary>
    string ProcessId { get; }
}
