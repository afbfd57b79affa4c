using Akka.Actor;
using Akka.Event;
using HyperBeam.Actors.Protocol;
using HyperBeam.Actors.Supervision;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors;

/// <summary>
/// The root of the node's actor tree (<c>/user/hyperbeam</c>). Each child is restarted on its own when it fails
/// (one-for-one); a child that keeps failing is escalated, and the guardian then stops the node through
/// CoordinatedShutdown rather than leave it half alive.
/// </summary>
public sealed class NodeGuardian : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public NodeGuardian(Props router)
    {
        var protocol = Context.ActorOf(router, ActorNames.Protocol);
        Context.Watch(protocol);
        Receive<ResolveJob>(job => protocol.Forward(job));
        Receive<Terminated>(t =>
        {
            // A child only stops for good when it failed more often than the strategy allows: the node is broken.
            _log.Error("{0} stopped after repeated failures; shutting the node down", t.ActorRef.Path);
            CoordinatedShutdown.Get(Context.System).Run(new NodeFailureReason(t.ActorRef.Path.Name));
        });
    }

    public static Props Props(Resolver resolver) => Props(ProtocolRouter.Props(resolver));

    /// <summary>A guardian whose router resolves through the node's shared in-flight table.</summary>
    public static Props Props(InFlightResolutions inFlight) => Props(ProtocolRouter.Props(inFlight));

    private static Props Props(Props router) => Akka.Actor.Props.Create(() => new NodeGuardian(router));

    protected override SupervisorStrategy SupervisorStrategy() =>
        // The strategy logs each restart with the child and its cause, and counts it for /~meta@1.0/actors.
        new ObservedOneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), decider: _ => Directive.Restart);

    protected override void PostStop()
    {
        _log.Info("node guardian stopped");
        base.PostStop();
    }

    /// <summary>Why the node shut itself down.</summary>
    public sealed class NodeFailureReason(string actor) : CoordinatedShutdown.Reason
    {
        public string Actor { get; } = actor;

        public override int ExitCode => 70;

        public override string ToString() => $"node actor '{Actor}' failed repeatedly";
    }
}
