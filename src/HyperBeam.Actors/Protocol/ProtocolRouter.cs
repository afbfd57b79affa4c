using Akka.Actor;
using Akka.Event;
using HyperBeam.Core.Observability;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// Runs resolutions for the node and collapses identical ones in flight (HyperBEAM's <c>hb_persistent</c>): the first
/// job for a key starts the work on the thread pool; jobs with the same key that arrive before it finishes wait and
/// get the leader's result. The actor only keeps the table of waiters, so it never blocks on a resolution.
/// </summary>
public sealed class ProtocolRouter : ReceiveActor
{
    private readonly Dictionary<string, List<IActorRef>> _inFlight = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ProtocolRouter(Resolver resolver)
    {
        Receive<ResolveJob>(job =>
        {
            if (_inFlight.TryGetValue(job.DedupKey, out var waiters))
            {
                waiters.Add(Sender);
                return;
            }
            _inFlight[job.DedupKey] = [Sender];
            var self = Self;
            RunAsync(resolver, job).PipeTo(self, success: r => new Finished(job.DedupKey, r));
        });

        Receive<Finished>(done =>
        {
            if (!_inFlight.Remove(done.DedupKey, out var waiters)) return;
            for (var i = 0; i < waiters.Count; i++) waiters[i].Tell(new ResolveOutcome(done.Result, Shared: i > 0));
            if (waiters.Count > 1) _log.Debug("resolution {0} shared by {1} requests", done.DedupKey, waiters.Count);
        });
    }

    public static Props Props(Resolver resolver) => Akka.Actor.Props.Create(() => new ProtocolRouter(resolver));

    private static async Task<ResolveResult> RunAsync(Resolver resolver, ResolveJob job)
    {
        using var activity = HyperBeamTracing.Source.StartActivity("router.resolve", System.Diagnostics.ActivityKind.Internal, job.TraceParent);
        try
        {
            return await resolver.ResolveManyAsync(job.Steps, job.Options).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The resolver turns device faults into results; anything reaching here is a bug, but the waiters
            // still get an answer instead of a timeout.
            return ResolveResult.Failure($"resolution failed: {e.Message}");
        }
    }

    private sealed record Finished(string DedupKey, ResolveResult Result);
}
