using Akka.Actor;
using Akka.Event;
using HyperBeam.Actors.Supervision;
using HyperBeam.Core.Observability;

namespace HyperBeam.Processes.Supervision;

/// <summary>
/// The decider of a compute worker's back-off supervisor, accounting for every restart: a back-off supervisor uses
/// only the decider of the strategy it is given (it never calls the strategy's failure logging), so the decider is the
/// one place that sees each crash. Each is logged with its cause and counted in the system's
/// <see cref="ActorRestartLedger"/> (shown by <c>/~meta@1.0/actors</c>) and in <see cref="HyperBeamMetrics.ActorRestart"/>.
/// </summary>
public static class WorkerRestarts
{
    /// <summary>
    /// The metric label of every compute worker supervisor: one per process would make the label set unbounded.
    /// </summary>
    public const string SupervisorLabel = "process/compute/worker-supervisor";

    public static Func<Exception, Directive> Decider(ActorSystem system, ILoggingAdapter log, string processId, ActorPath worker)
    {
        var ledger = ActorRestartLedger.For(system);
        return cause =>
        {
            ledger.Record(worker, cause);
            HyperBeamMetrics.ActorRestart(SupervisorLabel);
            log.Warning(cause, "Process {ProcessId}: restarting its compute worker after {CauseType}: {Cause}",
                processId, cause.GetType().Name, cause.Message);
            return Directive.Restart;
        };
    }
}
