using Akka.Cluster.Sharding;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Cluster.Sharding;

/// <summary>Routes every <see cref="IProcessCommand"/> to the entity named by its process ID, spread over a fixed number of shards.</summary>
public sealed class ProcessCommandExtractor(int shards = ProcessCommandExtractor.DefaultShards) : HashCodeMessageExtractor(shards)
{
    public const int DefaultShards = 100;

    public override string? EntityId(object message) => (message as IProcessCommand)?.ProcessId;
}
