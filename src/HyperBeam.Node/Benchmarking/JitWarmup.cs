using System.Diagnostics;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// A bench warm-up that goes on until the JIT is quiet: slices of load until it compiled at most
/// <see cref="QuietMethods"/> methods in each of the last <see cref="QuietSlices"/> slices, or until a limit. A row
/// measured while the runtime still re-compiles start-up code at higher tiers (the journal's and the snapshot store's
/// query building, HOCON, the path itself) is charged that one-time cost, which a running node pays once after it
/// starts; on 2 cores the tier-up thread takes its time from the threads being measured.
/// </summary>
public static class JitWarmup
{
    /// <summary>The JIT counts as quiet when it compiled at most this many methods in each of the last few slices.</summary>
    public const int QuietMethods = 10;

    public const int QuietSlices = 3;

    public static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    /// <summary>The longest a warm-up waits for the JIT, unless its caller asks for more or less.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="load"/> (which loads for about the time it is given, at least once) for
    /// <paramref name="minimum"/>, then in slices until the JIT is quiet or <paramref name="limit"/> has passed.
    /// </summary>
    public static async Task<JitWarmupResult> RunAsync(Func<TimeSpan, Task> load, TimeSpan minimum, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        var clock = Stopwatch.StartNew();
        if (minimum > TimeSpan.Zero) await load(minimum);
        var slices = new Queue<(long Methods, TimeSpan Length)>();
        var quiet = false;
        while (clock.Elapsed < limit && !cancellationToken.IsCancellationRequested)
        {
            var before = JitActivity.Now();
            var started = clock.Elapsed;
            await load(Slice);
            slices.Enqueue(((JitActivity.Now() - before).Methods, clock.Elapsed - started));
            if (slices.Count > QuietSlices) slices.Dequeue();
            // The runtime holds tier-ups back while it still compiles new code, then does them in a burst: one quiet
            // slice can be that pause, several in a row are not.
            quiet = slices.Count == QuietSlices && slices.All(slice => slice.Methods <= QuietMethods);
            if (quiet) break;
        }
        return new JitWarmupResult(clock.Elapsed, slices.Sum(slice => slice.Methods), slices.Aggregate(TimeSpan.Zero, (sum, slice) => sum + slice.Length), quiet);
    }
}

/// <summary>How long a <see cref="JitWarmup"/> ran, and what the JIT did in its last slices (a window of up to <see cref="JitWarmup.QuietSlices"/>).</summary>
public readonly record struct JitWarmupResult(TimeSpan Elapsed, long LastMethods, TimeSpan LastWindow, bool Quiet)
{
    public override string ToString() =>
        $"warmed up for {Elapsed.TotalSeconds:0.0} s (the JIT compiled {LastMethods} methods in its last {LastWindow.TotalSeconds:0.0} s{(Quiet ? "" : "; not quiet yet, the limit ended it")})";
}
