using Akka.Cluster.Sharding;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Scheduling;

/// <summary>Routes every <see cref="IProcessCommand"/> to the entity of its process; shards by a hash of the process ID.</summary>
public sealed class ProcessMessageExtractor(int maxShards = 100) : HashCodeMessageExtractor(maxShards)
{
    public override string? EntityId(object message) => (message as IProcessCommand)?.ProcessId;
}
