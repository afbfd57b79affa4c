using Akka.Actor;
using Akka.Cluster.Sharding;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Hosting;

/// <summary>
/// <see cref="IProcessDirectory"/> over the <c>process</c> shard region: the live entities of every region in the
/// cluster (<see cref="GetCurrentRegions"/>, then <see cref="GetShardRegionState"/> of each), each asked for its
/// current slot and computed state size. Only live entities are listed: a passivated process is not woken to be
/// counted. A region or entity that does not answer in time is left out rather than failing the whole list.
/// </summary>
public sealed class ShardRegionProcessDirectory(ActorSystem system, TimeSpan timeout) : IProcessDirectory
{
    /// <summary>More would make <c>/~meta@1.0/processes</c> a load test of the node it describes.</summary>
    public const int MaxProcesses = 1000;

    private const int Parallelism = 16;

    public ShardRegionProcessDirectory(ActorSystem system)
        : this(system, TimeSpan.FromSeconds(5))
    {
    }

    public async Task<IReadOnlyList<ProcessSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var region = ClusterSharding.Get(system).ShardRegion(ProcessRegion.Name);
        var entities = new List<(string ProcessId, string Node)>();
        foreach (var address in await RegionAddressesAsync(region, cancellationToken).ConfigureAwait(false))
        {
            var state = await RegionStateAsync(address, cancellationToken).ConfigureAwait(false);
            if (state is null) continue;
            entities.AddRange(state.Shards.SelectMany(shard => shard.EntityIds).Select(id => (id, address.ToString())));
        }
        var chosen = entities.DistinctBy(e => e.ProcessId).OrderBy(e => e.ProcessId, StringComparer.Ordinal).Take(MaxProcesses).ToList();
        var summaries = new ProcessSummary?[chosen.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, chosen.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) => summaries[i] = await DescribeAsync(region, chosen[i].ProcessId, chosen[i].Node, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return summaries.OfType<ProcessSummary>().ToList();
    }

    private async Task<IReadOnlyCollection<Address>> RegionAddressesAsync(IActorRef region, CancellationToken cancellationToken)
    {
        try
        {
            var regions = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, timeout, cancellationToken).ConfigureAwait(false);
            if (regions.Regions.Count > 0) return regions.Regions.ToList();
        }
        catch (AskTimeoutException)
        {
            // No coordinator yet (a node still joining): this node's own region is all it can tell of.
        }
        return [((ExtendedActorSystem)system).Provider.DefaultAddress];
    }

    private async Task<CurrentShardRegionState?> RegionStateAsync(Address address, CancellationToken cancellationToken)
    {
        var path = new RootActorPath(address) / "system" / "sharding" / ProcessRegion.Name;
        try
        {
            return await system.ActorSelection(path).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    private async Task<ProcessSummary?> DescribeAsync(IActorRef region, string processId, string node, CancellationToken cancellationToken)
    {
        try
        {
            var status = await region.Ask<object>(new GetProcessStatus(processId), timeout, cancellationToken).ConfigureAwait(false);
            if (status is not ProcessStatus scheduled) return null;
            var compute = await region.Ask<object>(new GetComputeStatus(processId), timeout, cancellationToken).ConfigureAwait(false);
            return new ProcessSummary(processId, node, scheduled.CurrentSlot, compute is ComputeStatus computed ? computed.StateBytes : 0);
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
