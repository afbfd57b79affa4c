using HyperBeam.Core.Observability;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// Runs resolutions and collapses identical ones in flight (HyperBEAM's <c>hb_persistent</c>): the first job for a
/// key starts the work; jobs with the same key that arrive before it finishes wait and get the leader's result.
/// A waiter whose job is cancelled leaves (its task is cancelled); a run is cancelled only when its last waiter has
/// left, so one impatient client never takes the result away from the others sharing it, and a later identical job
/// then starts afresh. A finished run is never shared with a later job.
/// </summary>
/// <remarks>
/// This was the <see cref="ProtocolRouter"/> actor's own table; every request paid two actor hops and an ask for it.
/// The table is a dictionary under a short lock instead: joining, leaving and finishing only touch the table, and the
/// work itself runs outside the lock on the caller's task.
/// </remarks>
public sealed class InFlightResolutions(Resolver resolver)
{
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Runs in flight (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _runs.Count;
        }
    }

    /// <summary>Jobs waiting for the run of <paramref name="key"/> in flight, 0 when none runs (for tests and diagnostics).</summary>
    public int WaitingFor(string key)
    {
        lock (_lock) return _runs.TryGetValue(key, out var run) ? run.Waiters.Count : 0;
    }

    /// <summary>
    /// The outcome of <paramref name="job"/>, shared with every overlapping job of the same key; cancelled when the
    /// job's <see cref="ResolveJob.Cancellation"/> fires first.
    /// </summary>
    public Task<ResolveOutcome> ResolveAsync(ResolveJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var token = job.Cancellation;
        if (token.IsCancellationRequested) return Task.FromCanceled<ResolveOutcome>(token);
        var waiter = new Waiter(token);
        Run? started = null;
        Run run;
        lock (_lock)
        {
            if (!_runs.TryGetValue(job.DedupKey, out run!))
            {
                run = started = new Run(job.DedupKey);
                _runs.Add(job.DedupKey, run);
            }
            run.Waiters.Add(waiter);
        }
        if (token.CanBeCanceled)
            waiter.Registration = token.UnsafeRegister(static (state, _) => ((Leaving)state!).Leave(), new Leaving(this, run, waiter));
        if (started is not null) _ = RunAsync(started, job);
        return waiter.Completion.Task;
    }

    /// <summary>Stops every run in flight (the node is stopping); their waiters are cancelled.</summary>
    public void CancelAll()
    {
        List<Run> runs;
        lock (_lock)
        {
            runs = [.. _runs.Values];
            _runs.Clear();
        }
        foreach (var run in runs)
        {
            run.Stop.Cancel();
            foreach (var waiter in run.Waiters) waiter.Cancel();
        }
    }

    private async Task RunAsync(Run run, ResolveJob job)
    {
        ResolveResult result;
        var stop = run.Stop.Token;
        using (var activity = HyperBeamTracing.Source.StartActivity("router.resolve", System.Diagnostics.ActivityKind.Internal, job.TraceParent))
        {
            try
            {
                result = await resolver.ResolveRequestAsync(job.Request, job.Steps, job.Options, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Everyone waiting left and the resolver stopped: counted, so that abandoned work can be seen to stop.
                HyperBeamMetrics.Abandoned("resolve");
                result = ResolveResult.Unavailable("the resolution was cancelled: every request waiting for it left");
            }
            catch (Exception e)
            {
                // The resolver turns device faults into results; anything reaching here is a bug, but the waiters
                // still get an answer instead of a timeout.
                result = ResolveResult.Failure($"resolution failed: {e.Message}");
            }
        }
        Waiter[] waiters;
        lock (_lock)
        {
            // A run whose waiters all left is no longer in the table (a newer run may hold its key): nobody to tell.
            if (!_runs.TryGetValue(run.Key, out var current) || current != run) return;
            _runs.Remove(run.Key);
            waiters = [.. run.Waiters];
            run.Waiters.Clear();
        }
        for (var i = 0; i < waiters.Length; i++) waiters[i].Complete(new ResolveOutcome(result, Shared: i > 0));
        run.Stop.Dispose();
    }

    private void Leave(Run run, Waiter waiter)
    {
        bool stop;
        lock (_lock)
        {
            if (!run.Waiters.Remove(waiter)) return;
            // Nobody waits any more: stop the work, and let a later identical job start afresh.
            stop = run.Waiters.Count == 0 && _runs.TryGetValue(run.Key, out var current) && current == run;
            if (stop) _runs.Remove(run.Key);
        }
        waiter.Cancel();
        // The source is not disposed here: the run may still be reading its token as it stops.
        if (stop) run.Stop.Cancel();
    }

    /// <summary>One run of a resolution: who waits for it and how to stop it.</summary>
    private sealed class Run(string key)
    {
        public string Key { get; } = key;

        public List<Waiter> Waiters { get; } = new(1);

        public CancellationTokenSource Stop { get; } = new();
    }

    /// <summary>One job waiting for a run.</summary>
    private sealed class Waiter(CancellationToken token)
    {
        public TaskCompletionSource<ResolveOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        public void Complete(ResolveOutcome outcome)
        {
            Registration.Dispose();
            Completion.TrySetResult(outcome);
        }

        public void Cancel()
        {
            Registration.Dispose();
            Completion.TrySetCanceled(token.IsCancellationRequested ? token : default);
        }
    }

    private sealed record Leaving(InFlightResolutions Table, Run Run, Waiter Waiter)
    {
        public void Leave() => Table.Leave(Run, Waiter);
    }
}
