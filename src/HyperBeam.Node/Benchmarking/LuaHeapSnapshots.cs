using System.Diagnostics;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// The Lua state of a process that holds a 10 MB heap, snapshotted and restored through the lua@5.3a device the way a
/// compute worker does it (<c>snapshot</c>, then <c>normalize</c> of a state carrying it into a fresh engine).
/// </summary>
public static class LuaHeapSnapshots
{
    public const int HeapKiB = 10 * 1024;

    /// <summary>An AOS-like ledger: distinct keys and small tables until Lua's own count says the heap is 10 MB.</summary>
    private const string Source = """
        function fill(base, request, opts)
          Ledger = {}
          local i, seed = 0, 12345
          while collectgarbage("count") < base["heap-kib"] do
            i = i + 1
            seed = (seed * 1103515245 + 12345) % 2147483648
            Ledger[string.format("%016x%08x", seed, i)] = { balance = seed % 100000, note = "n" .. i }
          end
          base.entries = i
          return base
        end
        function ledger_size()
          local n = 0
          for _ in pairs(Ledger) do n = n + 1 end
          return n
        end
        """;

    public static async Task<LuaHeapSnapshotResult> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var device = new LuaDevice(ComputeCounterProcess.LuaOptions);
        var resolver = new Resolver(DeviceRegistry.Preloaded.With(device), ResolveOptions.Default with { Hashpath = HashpathMode.Ignore });
        var state = Message.Of(("device", LuaDevice.DeviceName), ("module", Message.Of(("content-type", "application/lua"), ("body", Source))),
            (LuaDevice.OwnerKey, ComputeCounterProcess.Create()), ("heap-kib", HeapKiB));
        state = Expect(await resolver.ResolveAsync(state, "fill", cancellationToken: cancellationToken), "fill the heap");

        var snapshot = Message.Empty;
        await RunAsync(duration / 4, Snapshot);
        var snapshots = await RunAsync(duration, Snapshot);
        var withSnapshot = state.Set("snapshot", snapshot);
        await RunAsync(duration / 4, Restore);
        var restores = await RunAsync(duration, Restore);
        // A restore that lost the heap measured nothing.
        var entries = state.Get("entries");
        var restored = await resolver.ResolveAsync(state, "ledger_size", cancellationToken: cancellationToken);
        if (!restored.IsOk || !Equals(restored.Value, entries))
            throw new InvalidOperationException($"the restored heap holds {restored.Value} entries, not {entries}");

        var image = snapshot.Get("size") is AoInteger size ? size.Value : 0;
        var packed = snapshot.Get("body") is AoBinary body ? body.Memory.Length : 0;
        return new LuaHeapSnapshotResult(
            new ComputeBenchResult(ComputeBenchRows.SnapshotHeap, snapshots.Count, snapshots.Elapsed),
            new ComputeBenchResult(ComputeBenchRows.RestoreHeap, restores.Count, restores.Elapsed),
            entries is AoInteger n ? n.Value : 0, image, packed,
            snapshots.Processor / Math.Max(1, snapshots.Count), restores.Processor / Math.Max(1, restores.Count));

        async Task Snapshot() =>
            snapshot = Expect(await resolver.ResolveAsync(state, "snapshot", cancellationToken: cancellationToken), "snapshot");

        async Task Restore() =>
            Expect(await resolver.ResolveAsync(withSnapshot, "normalize", cancellationToken: cancellationToken), "restore");

        async Task<(long Count, TimeSpan Elapsed, TimeSpan Processor)> RunAsync(TimeSpan length, Func<Task> operation)
        {
            long count = 0;
            var processor = ProcessorTime();
            var clock = Stopwatch.StartNew();
            // At least a few of each, however short the run: one operation takes tens of milliseconds.
            while ((clock.Elapsed < length || count < 3) && !cancellationToken.IsCancellationRequested)
            {
                await operation();
                count++;
            }
            return (count, clock.Elapsed, ProcessorTime() - processor);
        }
    }

    /// <summary>
    /// Processor time of the whole process: on a shared machine the wall time of one operation says more about the
    /// neighbours than about it, the processor time it used much less so.
    /// </summary>
    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static Message Expect(ResolveResult result, string what) =>
        result is { IsOk: true, Value: Message message } ? message : throw new InvalidOperationException($"could not {what}: {result.Value}");
}

/// <summary>The two Lua-state rows, what the heap they measured was, and the processor time each operation took (all cores).</summary>
public sealed record LuaHeapSnapshotResult(
    ComputeBenchResult Snapshot, ComputeBenchResult Restore, long Entries, long ImageBytes, long PackedBytes,
    TimeSpan SnapshotProcessor, TimeSpan RestoreProcessor);
