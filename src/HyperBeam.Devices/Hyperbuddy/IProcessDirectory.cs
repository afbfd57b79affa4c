namespace HyperBeam.Devices.Hyperbuddy;

/// <summary>
/// The processes a node knows of, for <c>/~meta@1.0/processes</c> and the dashboard. The process layer provides it
/// (from its shard region) by registering an implementation in the host's services; without one the list is empty.
/// </summary>
public interface IProcessDirectory
{
    Task<IReadOnlyList<ProcessSummary>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>One process: where its entity lives, its current slot and the size of its last computed state.</summary>
public sealed record ProcessSummary(string ProcessId, string Node, long Slot, long StateBytes);
