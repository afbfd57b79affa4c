using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Hosting;

/// <summary>How a node hosts its processes: cluster membership, the journal file, and the entities' settings.</summary>
public sealed record ProcessesOptions(ProcessEntitySettings Entity, string DatabasePath)
{
    /// <summary>Seed nodes (<c>akka.tcp://hyperbeam@host:port</c>); none: the node forms a cluster of its own by joining itself.</summary>
    public IReadOnlyList<string> SeedNodes { get; init; } = [];

    /// <summary>Where the node's remoting listens; port 0 picks a free one (a self-joined node needs no fixed port).</summary>
    public string RemoteHost { get; init; } = "127.0.0.1";

    public int RemotePort { get; init; }

    /// <summary>How long a device waits for a process entity before answering 503.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An entity that receives nothing for this long is stopped (its state is in the journal).</summary>
    public TimeSpan PassivateIdleAfter { get; init; } = TimeSpan.FromMinutes(2);

    public int MaxShards { get; init; } = 100;

    /// <summary>
    /// Another part of the node (the cluster module) sets up remoting, clustering and membership: the processes setup
    /// then adds neither, and does not join the node to itself. <see cref="SeedNodes"/>, <see cref="RemoteHost"/> and
    /// <see cref="RemotePort"/> are ignored.
    /// </summary>
    public bool ClusterManagedExternally { get; init; }
}
