using System.Globalization;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Hosting;
using Akka.Remote.Hosting;
using HyperBeam.Cluster.Configuration;

namespace HyperBeam.Cluster.Hosting;

public static class HyperBeamClusterExtensions
{
    /// <summary>
    /// Makes the actor system a cluster node: remoting on <see cref="HyperBeamClusterOptions.Host"/>:<see cref="HyperBeamClusterOptions.Port"/>,
    /// the seeds and roles, keep-majority split brain resolution, sharding on distributed data (nothing durable),
    /// the wire serializers, and the join-failure exit: a node that cannot join within
    /// <see cref="HyperBeamClusterOptions.JoinTimeout"/>, or whose actor system is not named <see cref="HyperBeamClusterOptions.SystemName"/>
    /// (checked at start), logs why and shuts down, handing
    /// <see cref="HyperBeamClusterOptions.JoinFailureExitCode"/> to <paramref name="exitCodeSink"/> (default: the process's
    /// <see cref="Environment.ExitCode"/>, which <c>hb run</c> returns). A node with <see cref="HyperBeamClusterOptions.JoinSelf"/>
    /// (<see cref="HyperBeamClusterOptions.SingleNode"/>) joins itself instead, and has no peers whose address must name its system.
    /// </summary>
    public static AkkaConfigurationBuilder WithHyperBeamCluster(this AkkaConfigurationBuilder builder, HyperBeamClusterOptions options, Action<int>? exitCodeSink = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var seconds = (TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        builder.AddHocon($"""
            akka.cluster.shutdown-after-unsuccessful-join-seed-nodes = {seconds(options.JoinTimeout)}
            akka.cluster.split-brain-resolver.stable-after = {seconds(options.StableAfter)}
            """, HoconAddMode.Prepend);
        if (options.Timings == ClusterTimings.Fast) builder.AddHocon(ClusterHocon.FastTimings, HoconAddMode.Prepend);
        builder.AddHocon(ClusterHocon.Defaults, HoconAddMode.Append);
        builder.WithRemoting(new RemoteOptions { HostName = options.Host, PublicHostName = options.PublicHost, Port = options.Port });
        builder.WithClustering(new ClusterOptions
        {
            SeedNodes = [.. options.Seeds],
            Roles = [.. options.Roles],
            SplitBrainResolver = new KeepMajorityOption(),
        });
        var sink = exitCodeSink ?? (code => Environment.ExitCode = code);
        builder.AddStartup((system, _) =>
        {
            if (options.JoinSelf)
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
                return;
            }
            JoinFailureReporter.Watch(system, options, sink);
            SystemNameCheck.Verify(system, options, sink);
        });
        return builder;
    }
}
