using System.Diagnostics;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// Closed-loop load: <see cref="LoadOptions.Connections"/> workers each send a GET, read the whole reply, record the
/// latency and send the next, until the duration (or the request cap) is reached. A non-2xx reply or a transport
/// failure is an error, not a sample. Closed-loop means the figures are throughput at that concurrency, not
/// latency under a fixed arrival rate.
/// </summary>
public sealed class LoadRunner(HttpClient client)
{
    public async Task<LoadResult> RunAsync(string name, Uri target, LoadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Warmup > TimeSpan.Zero)
            await RunWorkersAsync(target, options.Connections, options.Warmup, options.MaxRequests, cancellationToken);
        var clock = Stopwatch.StartNew();
        var workers = await RunWorkersAsync(target, options.Connections, options.Duration, options.MaxRequests, cancellationToken);
        clock.Stop();

        var histogram = new LatencyHistogram();
        long errors = 0;
        foreach (var worker in workers)
        {
            histogram.Add(worker.Latencies);
            errors += worker.Errors;
        }
        return new LoadResult(name, histogram.Count, errors, clock.Elapsed, histogram);
    }

    private async Task<Worker[]> RunWorkersAsync(Uri target, int connections, TimeSpan duration, long maxRequests, CancellationToken cancellationToken)
    {
        var budget = new RequestBudget(maxRequests);
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, connections).Select(_ => new Worker()).ToArray();
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(client, target, deadline, budget, cancellationToken), cancellationToken)));
        return workers;
    }

    /// <summary>Requests left in the run, shared by its workers.</summary>
    private sealed class RequestBudget(long total)
    {
        private long _left = total;

        public bool TryTake() => Interlocked.Decrement(ref _left) >= 0;
    }

    private sealed class Worker
    {
        public LatencyHistogram Latencies { get; } = new();

        public long Errors { get; private set; }

        public async Task RunAsync(HttpClient client, Uri target, long deadline, RequestBudget budget, CancellationToken cancellationToken)
        {
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested && budget.TryTake())
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(target, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    if (response.IsSuccessStatusCode) Latencies.Record(Stopwatch.GetElapsedTime(started));
                    else Errors++;
                }
                catch (HttpRequestException)
                {
                    Errors++;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // HttpClient's own timeout: the target did not answer in time.
                    Errors++;
                }
            }
        }
    }
}
