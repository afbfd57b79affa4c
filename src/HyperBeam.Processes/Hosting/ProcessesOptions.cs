using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Hosting;

/// <summary>How a node hosts its processes: the journal file, the entities' settings, and the shard region's limits.</summary>
public sealed record ProcessesOptions(ProcessEntitySettings Entity, string DatabasePath)
{
    public static readonly TimeSpan DefaultAskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a device waits for a process entity before answering 503.</summary>
    public TimeSpan AskTimeout { get; init; } = DefaultAskTimeout;

    /// <summary>An entity that receives nothing for this long is stopped (its state is in the journal).</summary>
    public TimeSpan PassivateIdleAfter { get; init; } = TimeSpan.FromMinutes(2);

    public int MaxShards { get; init; } = 100;
}
