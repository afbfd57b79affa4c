using Akka.Actor;
using Akka.Event;
using HyperBeam.Core.Observability;

namespace HyperBeam.Actors.Supervision;

/// <summary>
/// One-for-one supervision that accounts for every failure: each one is logged with the child's path, the directive
/// and its cause, and each restart is counted (<see cref="ActorRestartLedger"/>, <see cref="HyperBeamMetrics.ActorRestart"/>).
/// Use it wherever a supervisor would use <see cref="OneForOneStrategy"/>, so no restart goes unnoticed.
/// </summary>
public sealed class ObservedOneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    : OneForOneStrategy(maxNrOfRetries, withinTimeRange, decider)
{
    protected override void LogFailure(IActorContext context, IActorRef child, Exception cause, Directive directive)
    {
        if (directive == Directive.Restart)
        {
            ActorRestartLedger.For(context.System).Record(child.Path, cause);
            HyperBeamMetrics.ActorRestart(context.Self.Path.ToStringWithoutAddress());
        }
        var log = Logging.GetLogger(context.System, context.Self.Path.ToStringWithoutAddress());
        const string Template = "{0} {1} after {2}: {3}";
        var args = new object[] { directive, child.Path.ToStringWithoutAddress(), cause.GetType().Name, cause.Message };
        if (directive == Directive.Resume) log.Warning(cause, Template, args);
        else log.Error(cause, Template, args);
    }
}
