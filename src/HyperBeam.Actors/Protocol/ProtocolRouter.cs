using Akka.Actor;
using Akka.Event;
using HyperBeam.Core.Observability;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// Runs resolutions for the node and collapses identical ones in flight (HyperBEAM's <c>hb_persistent</c>): the first
/// job for a key starts the work on the thread pool; jobs with the same key that arrive before it finishes wait and
/// get the leader's result. The actor only keeps the table of waiters, so it never blocks on a resolution.
/// A waiter whose job is cancelled leaves the table; a run is cancelled only when its last waiter has left, so one
/// impatient client never takes the result away from the others sharing it.
/// </summary>
public sealed class ProtocolRouter : ReceiveActor
{
    private readonly Dictionary<string, Run> _inFlight = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _runs;

    public ProtocolRouter(Resolver resolver)
    {
        Receive<ResolveJob>(job =>
        {
            // A caller that left before the job reached the router wants nothing.
            if (job.Cancellation.IsCancellationRequested) return;
            var self = Self;
            if (!_inFlight.TryGetValue(job.DedupKey, out var run))
            {
                run = new Run(++_runs);
                _inFlight[job.DedupKey] = run;
                var (key, id) = (job.DedupKey, run.Id);
                RunAsync(resolver, job, run.Stop.Token).PipeTo(self, success: r => new Finished(key, id, r));
            }
            var waiter = Sender;
            run.Waiters.Add(waiter);
            if (job.Cancellation.CanBeCanceled)
            {
                var left = new WaiterLeft(job.DedupKey, run.Id, waiter);
                run.Registrations.Add(job.Cancellation.Register(() => self.Tell(left)));
            }
        });

        Receive<WaiterLeft>(left =>
        {
            if (!_inFlight.TryGetValue(left.DedupKey, out var run) || run.Id != left.RunId) return;
            run.Waiters.Remove(left.Waiter);
            if (run.Waiters.Count > 0) return;
            // Nobody waits any more: stop the work, and let a later identical job start afresh.
            _inFlight.Remove(left.DedupKey);
            run.Cancel();
        });

        Receive<Finished>(done =>
        {
            // A run that was cancelled is no longer in the table (or a newer run has its key): nobody to tell.
            if (!_inFlight.TryGetValue(done.DedupKey, out var run) || run.Id != done.RunId) return;
            _inFlight.Remove(done.DedupKey);
            run.Dispose();
            for (var i = 0; i < run.Waiters.Count; i++) run.Waiters[i].Tell(new ResolveOutcome(done.Result, Shared: i > 0));
            if (run.Waiters.Count > 1) _log.Debug("resolution {0} shared by {1} requests", done.DedupKey, run.Waiters.Count);
        });
    }

    public static Props Props(Resolver resolver) => Akka.Actor.Props.Create(() => new ProtocolRouter(resolver));

    protected override void PostStop()
    {
        foreach (var run in _inFlight.Values) run.Cancel();
        _inFlight.Clear();
        base.PostStop();
    }

    private static async Task<ResolveResult> RunAsync(Resolver resolver, ResolveJob job, CancellationToken stop)
    {
        using var activity = HyperBeamTracing.Source.StartActivity("router.resolve", System.Diagnostics.ActivityKind.Internal, job.TraceParent);
        try
        {
            return await resolver.ResolveRequestAsync(job.Request, job.Steps, job.Options, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The resolver saw that everyone waiting left and stopped: counted, so that abandoned work can be seen to stop.
            HyperBeamMetrics.Abandoned("resolve");
            return ResolveResult.Unavailable("the resolution was cancelled: every request waiting for it left");
        }
        catch (Exception e)
        {
            // The resolver turns device faults into results; anything reaching here is a bug, but the waiters
            // still get an answer instead of a timeout.
            return ResolveResult.Failure($"resolution failed: {e.Message}");
        }
    }

    /// <summary>One run of a resolution: who waits for it and how to stop it.</summary>
    private sealed class Run(long id)
    {
        public long Id { get; } = id;

        public List<IActorRef> Waiters { get; } = [];

        public List<CancellationTokenRegistration> Registrations { get; } = [];

        public CancellationTokenSource Stop { get; } = new();

        /// <summary>
        /// Stops the work. The source is not disposed here: the run may still be reading its token as it stops, and
        /// a source with no timer holds nothing that needs giving back.
        /// </summary>
        public void Cancel()
        {
            Stop.Cancel();
            foreach (var registration in Registrations) registration.Dispose();
        }

        public void Dispose()
        {
            foreach (var registration in Registrations) registration.Dispose();
            Stop.Dispose();
        }
    }

    private sealed record Finished(string DedupKey, long RunId, ResolveResult Result);

    private sealed record WaiterLeft(string DedupKey, long RunId, IActorRef Waiter);
}
