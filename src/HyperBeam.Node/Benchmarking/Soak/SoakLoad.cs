using System.Diagnostics;
using System.Globalization;
using HyperBeam.Node.Benchmarking.External;

namespace HyperBeam.Node.Benchmarking.Soak;

/// <summary>
/// The soak's mixed, open-loop load: GETs (the info page and distinct message resolutions), signed schedules on one
/// process and computes of its newest slot, each kind at its own fixed rate until stopped. Open loop: a slow reply
/// does not slow the arrivals (up to <see cref="SoakOptions.MaxInFlight"/> in flight per kind).
/// </summary>
public sealed class SoakLoad(HttpClient client, BenchProcess process, SoakOptions options)
{
    public SoakCounts Gets { get; } = new("GETs");

    public SoakCounts Schedules { get; } = new("schedules");

    public SoakCounts Computes { get; } = new("computes");

    public IReadOnlyList<SoakCounts> All => [Gets, Schedules, Computes];

    public long Answered => All.Sum(c => c.Ok + c.Errors);

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(
        PaceAsync(options.GetsPerSecond, Gets, (i, ct) => BenchProcess.GetOkAsync(client, GetPath(i), ct), stop),
        PaceAsync(options.SchedulesPerSecond, Schedules, (i, ct) => process.ScheduleAsync(client, process.NewMessage(i), ct), stop),
        PaceAsync(options.ComputesPerSecond, Computes, (_, ct) => BenchProcess.GetOkAsync(client, process.ComputePath(process.Slot), ct), stop));

    /// <summary>Half the info page (one fixed request), half resolutions no other request of the soak repeats.</summary>
    public static string GetPath(long i) =>
        i % 2 == 0 ? HttpBench.MetaInfoPath : string.Create(CultureInfo.InvariantCulture, $"/~message@1.0&n=soak-{i}/n");

    private async Task PaceAsync(int perSecond, SoakCounts counts, Func<long, CancellationToken, Task> send, CancellationToken stop)
    {
        if (perSecond <= 0) return;
        using var inFlight = new SemaphoreSlim(options.MaxInFlight);
        var clock = Stopwatch.StartNew();
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            var wait = TimeSpan.FromSeconds(i / (double)perSecond) - clock.Elapsed;
            try
            {
                if (wait > TimeSpan.Zero) await Task.Delay(wait, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (!inFlight.Wait(0))
            {
                counts.AddSkipped();
                continue;
            }
            var n = i;
            _ = Task.Run(async () =>
            {
                try
                {
                    await send(n, stop);
                    counts.AddOk();
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Cut off by the end of the soak: neither an answer nor an error.
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    counts.AddError(e.Message);
                }
                finally
                {
                    inFlight.Release();
                }
            }, CancellationToken.None);
        }
        // Every request sent has ended before the semaphore goes.
        for (var held = 0; held < options.MaxInFlight; held++) await inFlight.WaitAsync(CancellationToken.None);
    }
}
