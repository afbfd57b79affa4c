using Akka.Actor;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// The node's protocol router in the actor tree (<c>/user/hyperbeam/protocol</c>): resolves <see cref="ResolveJob"/>s
/// sent to it through an <see cref="InFlightResolutions"/> table (identical jobs in flight run once) and answers each
/// sender with its <see cref="ResolveOutcome"/>; a job whose cancellation fires first gets no answer. The node's own
/// requests reach the same table without this hop (<see cref="ResolveQueue"/>); the actor serves jobs sent as messages.
/// </summary>
public sealed class ProtocolRouter : ReceiveActor
{
    private readonly InFlightResolutions _inFlight;

    public ProtocolRouter(InFlightResolutions inFlight)
    {
        _inFlight = inFlight;
        Receive<ResolveJob>(job =>
        {
            // A caller that left before the job reached the router wants nothing.
            if (job.Cancellation.IsCancellationRequested) return;
            var sender = Sender;
            _inFlight.ResolveAsync(job).ContinueWith(
                static (done, to) =>
                {
                    if (done.IsCompletedSuccessfully) ((IActorRef)to!).Tell(done.Result);
                },
                sender, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        });
    }

    /// <summary>A router with a table of its own.</summary>
    public static Props Props(Resolver resolver) => Props(new InFlightResolutions(resolver));

    /// <summary>A router over the node's shared table.</summary>
    public static Props Props(InFlightResolutions inFlight) => Akka.Actor.Props.Create(() => new ProtocolRouter(inFlight));

    /// <summary>The router stops with the node: the work in flight stops with it.</summary>
    protected override void PostStop()
    {
        _inFlight.CancelAll();
        base.PostStop();
    }
}
