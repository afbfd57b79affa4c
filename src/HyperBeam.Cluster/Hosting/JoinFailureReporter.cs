using Akka;
using Akka.Actor;
using Akka.Event;
using HyperBeam.Cluster.Configuration;

namespace HyperBeam.Cluster.Hosting;

/// <summary>
/// When Akka gives up joining the seeds (<c>shutdown-after-unsuccessful-join-seed-nodes</c>) it runs coordinated
/// shutdown with the join-unsuccessful reason. This adds a task to that shutdown which logs, seed by seed, the
/// likely cause, and sets the exit code, so an operator sees a failed start instead of a silently idle node.
/// </summary>
internal static class JoinFailureReporter
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static void Watch(ActorSystem system, HyperBeamClusterOptions options, Action<int> exitCodeSink)
    {
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "hyperbeam-join-failure", async () =>
        {
            if (shutdown.ShutdownReason is not CoordinatedShutdown.ClusterJoinUnsuccessfulReason) return Done.Instance;
            var log = Logging.GetLogger(system, typeof(JoinFailureReporter));
            var self = Akka.Cluster.Cluster.Get(system).SelfAddress;
            log.Error("This node ({0}) could not join the cluster within {1} and stops with exit code {2}. Seeds: {3}",
                self, options.JoinTimeout, options.JoinFailureExitCode, options.Seeds.Length == 0 ? "(none)" : string.Join(", ", options.Seeds));
            foreach (var seed in options.Seeds.Where(s => s != self.ToString()))
                log.Error("Seed {0}: {1}", seed, await SeedDiagnosis.ExplainAsync(seed, system.Name, ProbeTimeout).ConfigureAwait(false));
            exitCodeSink(options.JoinFailureExitCode);
            return Done.Instance;
        });
    }
}
