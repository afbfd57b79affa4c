using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// The bounded front door of the protocol router (Akka.Streams): at most <c>parallelism</c> resolutions run at once
/// and at most <c>capacity</c> wait. A full queue refuses at once, so an overloaded node answers 503 quickly instead
/// of letting requests time out.
/// </summary>
public sealed class ResolveQueue
{
    private readonly ISourceQueueWithComplete<Pending> _queue;

    public ResolveQueue(ActorSystem system, IActorRef router, ResolveQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _queue = Source.Queue<Pending>(options.Capacity, OverflowStrategy.DropNew)
            .SelectAsyncUnordered(options.Parallelism, pending => RunAsync(router, pending, options.Timeout))
            .To(Sink.Ignore<NotUsed>())
            .Run(system.Materializer());
    }

    public ResolveQueueOptions Options { get; }

    /// <summary>
    /// The outcome, or null when the queue is full (the caller should answer 503). Cancelling
    /// <paramref name="cancellationToken"/> withdraws the job: it is skipped if still queued, and its run is stopped
    /// unless other jobs share it.
    /// </summary>
    public async Task<ResolveOutcome?> ResolveAsync(ResolveJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (cancellationToken.CanBeCanceled) job = job with { Cancellation = cancellationToken };
        return await EnqueueAsync(job).ConfigureAwait(false) is { } outcome
            ? await outcome.WaitAsync(cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Places the job in the queue: the task of its outcome, or null when the queue is full.</summary>
    public async Task<Task<ResolveOutcome>?> EnqueueAsync(ResolveJob job)
    {
        var pending = new Pending(job, new TaskCompletionSource<ResolveOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        var offered = await _queue.OfferAsync(pending).ConfigureAwait(false);
        return offered is QueueOfferResult.Enqueued ? pending.Completion.Task : null;
    }

    private static async Task<NotUsed> RunAsync(IActorRef router, Pending pending, TimeSpan timeout)
    {
        var caller = pending.Job.Cancellation;
        if (caller.IsCancellationRequested)
        {
            // Withdrawn while it waited for a slot: free the slot at once.
            pending.Completion.TrySetCanceled(caller);
            return NotUsed.Instance;
        }
        // The job's token fires when the caller leaves or its time is up, so the router can stop work nobody awaits.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        deadline.CancelAfter(timeout);
        try
        {
            var job = pending.Job with { Cancellation = deadline.Token };
            pending.Completion.TrySetResult(await router.Ask<ResolveOutcome>(job, timeout, deadline.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (caller.IsCancellationRequested)
        {
            pending.Completion.TrySetCanceled(caller);
        }
        catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
        {
            pending.Completion.TrySetResult(new ResolveOutcome(
                ResolveResult.Unavailable($"the resolution did not finish within {timeout.TotalSeconds:0.#} s"), Shared: false));
        }
        catch (Exception e)
        {
            pending.Completion.TrySetException(e);
        }
        return NotUsed.Instance;
    }

    private sealed record Pending(ResolveJob Job, TaskCompletionSource<ResolveOutcome> Completion);
}
