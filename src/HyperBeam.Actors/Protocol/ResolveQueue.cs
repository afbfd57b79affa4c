using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Protocol;

/// <summary>
/// The bounded front door of the node's in-flight table (<see cref="InFlightResolutions"/>): at most
/// <c>parallelism</c> resolutions run at once and at most <c>capacity</c> wait, first come first served. A full queue
/// refuses at once, so an overloaded node answers 503 quickly instead of letting requests time out.
/// </summary>
/// <remarks>
/// A counter and a semaphore, not a stream and an actor: a request that finds a free slot runs on its own task with
/// no hop, and one that must wait awaits the semaphore in order.
/// </remarks>
public sealed class ResolveQueue
{
    private readonly InFlightResolutions _inFlight;
    private readonly SemaphoreSlim _slots;
    private readonly int _limit;
    private int _admitted;

    public ResolveQueue(InFlightResolutions inFlight, ResolveQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(inFlight);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Parallelism < 1) throw new ArgumentOutOfRangeException(nameof(options), "parallelism must be at least 1");
        if (options.Capacity < 0) throw new ArgumentOutOfRangeException(nameof(options), "capacity must not be negative");
        _inFlight = inFlight;
        Options = options;
        _slots = new SemaphoreSlim(options.Parallelism, options.Parallelism);
        _limit = options.Parallelism + options.Capacity;
    }

    public ResolveQueueOptions Options { get; }

    /// <summary>
    /// The outcome, or null when the queue is full (the caller should answer 503). Cancelling
    /// <paramref name="cancellationToken"/> withdraws the job: it leaves the queue if still waiting, and its run is
    /// stopped unless other jobs share it.
    /// </summary>
    public async Task<ResolveOutcome?> ResolveAsync(ResolveJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (cancellationToken.CanBeCanceled) job = job with { Cancellation = cancellationToken };
        return await EnqueueAsync(job).ConfigureAwait(false) is { } outcome
            ? await outcome.ConfigureAwait(false)
            : null;
    }

    /// <summary>Places the job in the queue: the task of its outcome, or null when the queue is full.</summary>
    public Task<Task<ResolveOutcome>?> EnqueueAsync(ResolveJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (Interlocked.Increment(ref _admitted) > _limit)
        {
            Interlocked.Decrement(ref _admitted);
            return Task.FromResult<Task<ResolveOutcome>?>(null);
        }
        return Task.FromResult<Task<ResolveOutcome>?>(RunAsync(job));
    }

    private async Task<ResolveOutcome> RunAsync(ResolveJob job)
    {
        var caller = job.Cancellation;
        try
        {
            // Withdrawn while it waited for a slot: it leaves the line (the await throws) and takes no slot.
            await _slots.WaitAsync(caller).ConfigureAwait(false);
            try
            {
                return await RunInSlotAsync(job, caller).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }

    private async Task<ResolveOutcome> RunInSlotAsync(ResolveJob job, CancellationToken caller)
    {
        var timeout = Options.Timeout;
        // The job's token fires when the caller leaves or its time is up, so the table can stop work nobody awaits.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        deadline.CancelAfter(timeout);
        try
        {
            return await _inFlight.ResolveAsync(job with { Cancellation = deadline.Token }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            return new ResolveOutcome(ResolveResult.Unavailable($"the resolution did not finish within {timeout.TotalSeconds:0.#} s"), Shared: false);
        }
    }
}
