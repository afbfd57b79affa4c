using System.Globalization;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// The tables <c>hb bench compute</c> prints: slot throughput as a fraction of the raw Lua call, the time one
/// snapshot and one restore of a 10 MB Lua heap take, the recovery scenarios, each with-snapshots time as a fraction
/// of the same step without them, and the genesis-wasm rows.
/// </summary>
public static class ComputeBenchReport
{
    public static void Write(TextWriter output, ComputeBenchOptions options, ComputeBenchRun run)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        var with = run.WithSnapshots;
        var without = run.WithoutSnapshots;
        var throughput = new[] { run.RawLua, run.Device, run.Runner, with.Computed, without.Computed };
        var pairs = new[]
        {
            (with.Scheduled, without.Scheduled),
            (with.SchedulerRecovery, without.SchedulerRecovery),
            (with.ComputeRecovery, without.ComputeRecovery),
        };
        var luaState = run.LuaState is { } heap ? new[] { heap.Snapshot, heap.Restore } : [];
        var width = new[] { "measure".Length }.Concat(throughput.Concat(luaState).Select(r => r.Name.Length))
            .Concat(pairs.SelectMany(p => new[] { p.Item1.Name.Length, p.Item2.Name.Length })).Max();

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hb bench compute: lua@5.3a counter, {options.Slots} slots, {Environment.ProcessorCount} cores, SQLite WAL, checkpoint signing; snapshots: compute every {options.ComputeSnapshotEvery} slots, scheduler every {options.SchedulerSnapshotEvery} events"));
        output.WriteLine(Row(width, "measure", "slots", "seconds", "slots/s", "vs raw lua"));
        foreach (var r in throughput)
            output.WriteLine(Row(width, r.Name, Count(r.Operations), Seconds(r), PerSecond(r), Ratio(r.PerSecond, run.RawLua.PerSecond)));

        if (run.LuaState is { } heapRun)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"the Lua state of a process with a {LuaHeapSnapshots.HeapKiB / 1024} MB heap ({heapRun.Entries} ledger entries): a memory image of {Megabytes(heapRun.ImageBytes)} MB, {Megabytes(heapRun.PackedBytes)} MB packed; processor time (all cores) {heapRun.SnapshotProcessor.TotalMilliseconds:0.0} ms a snapshot, {heapRun.RestoreProcessor.TotalMilliseconds:0.0} ms a restore"));
            output.WriteLine(Row(width, "measure", "count", "seconds", "per s", "ms each"));
            foreach (var r in luaState)
                output.WriteLine(Row(width, r.Name, Count(r.Operations), Seconds(r), PerSecond(r),
                    (r.Elapsed.TotalMilliseconds / Math.Max(1, r.Operations)).ToString("0.0", CultureInfo.InvariantCulture)));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"after a restart (a new actor system on the same SQLite file): compute resumed from the snapshot of slot {with.ResumedFrom} with snapshots, of slot {without.ResumedFrom} without"));
        output.WriteLine(Row(width, "measure", "slots", "seconds", "slots/s", "time ratio"));
        foreach (var (w, wo) in pairs)
        {
            output.WriteLine(Row(width, w.Name, Count(w.Operations), Seconds(w), PerSecond(w), Ratio(w.Elapsed.TotalSeconds, wo.Elapsed.TotalSeconds)));
            output.WriteLine(Row(width, wo.Name, Count(wo.Operations), Seconds(wo), PerSecond(wo), "1.00"));
        }
        if (run.GenesisWasm is { } genesisWasm) WriteGenesisWasm(output, Math.Max(width, ComputeBenchRows.GenesisWasm.Max(n => n.Length)), genesisWasm);
    }

    /// <summary>The genesis-wasm table: each rate as a fraction of ao-loader's (same module, same message, same run), then the 64 MiB snapshot rows in ms each.</summary>
    private static void WriteGenesisWasm(TextWriter output, int width, GenesisWasmBenchResult run)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"genesis-wasm@1.0 beside @permaweb/ao-loader 0.0.49: CI's counter (aos-counter-emscripten2.wasm, {GenesisWasmCounter.Format}), Action: Count, load average {LoadAverage()}"));
        output.WriteLine(Row(width, "measure", "messages", "seconds", "msg/s", "vs ao-loader"));
        var baseline = run.AoLoader?.PerSecond ?? 0;
        if (run.AoLoader is { } aoLoader) output.WriteLine(Row(width, aoLoader.Name, Count(aoLoader.Operations), Seconds(aoLoader), PerSecond(aoLoader), "1.00"));
        else output.WriteLine($"{ComputeBenchRows.AoLoader}: not measured ({run.AoLoaderUnavailable})");
        foreach (var r in new[] { run.Device, run.DeviceSnapshotsOnly, run.Runner })
            output.WriteLine(Row(width, r.Name, Count(r.Operations), Seconds(r), PerSecond(r), Ratio(r.PerSecond, baseline)));

        var snapshot = run.Snapshot;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"a {snapshot.MemoryBytes / (1024.0 * 1024):0.#} MiB linear memory, {snapshot.CompressedBytes / (1024.0 * 1024):0.#} MiB as snapshotted (LZ4 chunks); restore = decompress, instantiate, copy in"));
        output.WriteLine(Row(width, "measure", "rounds", "seconds", "per second", "ms each"));
        foreach (var r in new[] { snapshot.Snapshot, snapshot.Restore })
            output.WriteLine(Row(width, r.Name, Count(r.Operations), Seconds(r), r.PerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                (r.Elapsed.TotalMilliseconds / Math.Max(1, r.Operations)).ToString("0.0", CultureInfo.InvariantCulture)));
    }

    /// <summary>The 1-minute load average (Linux), since a shared machine's figures mean little without it.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(ComputeBenchResult r) => r.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string PerSecond(ComputeBenchResult r) => r.PerSecond.ToString("0", CultureInfo.InvariantCulture);

    private static string Ratio(double value, double baseline) =>
        baseline > 0 ? (value / baseline).ToString(value / baseline < 0.01 ? "0.0000" : "0.00", CultureInfo.InvariantCulture) : "-";

    private static string Row(int width, string name, params string[] columns) =>
        name.PadRight(width) + string.Concat(columns.Select(c => "  " + c.PadLeft(10)));
}
