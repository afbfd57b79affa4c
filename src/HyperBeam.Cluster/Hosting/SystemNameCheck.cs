using Akka.Actor;
using Akka.Event;
using HyperBeam.Cluster.Configuration;

namespace HyperBeam.Cluster.Hosting;

/// <summary>
/// Members address each other as <c>akka.tcp://&lt;system-name&gt;@host:port</c>: an actor system under any other name
/// than <see cref="HyperBeamClusterOptions.SystemName"/> can never be joined by its peers. Rather than wait out the join
/// timeout, the node says so at once and stops with the join-failure exit code.
/// </summary>
internal static class SystemNameCheck
{
    public static void Verify(ActorSystem system, HyperBeamClusterOptions options, Action<int> exitCodeSink)
    {
        if (system.Name == options.SystemName) return;
        Logging.GetLogger(system, typeof(SystemNameCheck)).Error(
            "hyperbeam.cluster.system-name = \"{0}\" but this node's actor system is named \"{1}\": its peers could never reach it. " +
            "Create the actor system as \"{0}\" or set system-name = \"{1}\" on every node. Stopping with exit code {2}.",
            options.SystemName, system.Name, options.JoinFailureExitCode);
        exitCodeSink(options.JoinFailureExitCode);
        CoordinatedShutdown.Get(system).Run(new SystemNameMismatch(options.JoinFailureExitCode));
    }

    /// <summary>Not Akka's join-unsuccessful reason: nothing was tried, so there is no seed to diagnose.</summary>
    private sealed class SystemNameMismatch(int exitCode) : CoordinatedShutdown.Reason
    {
        public override int ExitCode => exitCode;
    }
}
