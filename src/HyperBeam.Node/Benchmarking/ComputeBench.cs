using HyperBeam.Core.Wallets;
using HyperBeam.Node.Terminal;
using HyperBeam.Processes.Scheduling;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// <c>hb bench compute</c>: Lua slots per second through the real compute path beside a raw engine call and the
/// lua@5.3a device alone, the recovery time of N slots with and without snapshots, all in a fresh temporary folder;
/// and legacy AO messages per second on genesis-wasm@1.0 beside @permaweb/ao-loader on the same module, with the
/// snapshot and restore time of a 64 MiB memory.
/// </summary>
public static class ComputeBench
{
    public static async Task<ComputeBenchRun> RunAsync(ComputeBenchOptions options, TerminalProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var folder = Path.Combine(Path.GetTempPath(), "hb-bench-compute-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var duration = options.BaselineDuration;
            var raw = await progress.TrackAsync("hb bench compute: raw engine calls…", duration,
                () => Task.Run(() => ComputeBaselines.RawLua(duration, cancellationToken), cancellationToken));
            var device = await progress.TrackAsync("hb bench compute: lua@5.3a device calls…", duration,
                () => ComputeBaselines.DeviceAsync(duration, cancellationToken));
            var runner = await progress.TrackAsync("hb bench compute: process steps without actors…", duration,
                () => ComputeBaselines.RunnerAsync(duration, cancellationToken));
            var luaState = options.LuaOnly ? null : await progress.TrackAsync("hb bench compute: snapshots and restores of a 10 MB Lua heap…", duration * 3,
                () => LuaHeapSnapshots.RunAsync(duration, cancellationToken));

            var genesisWasm = options.LuaOnly ? null : await GenesisWasmAsync(duration, progress, cancellationToken);

            // Checkpoint signing signs only every 1000 slots, but still needs a key.
            using var wallet = await progress.TrackAsync("hb bench compute: creating a wallet…", TimeSpan.FromSeconds(3),
                () => Task.Run(Wallet.Create, cancellationToken));
            using var signer = new AssignmentSigner(wallet);
            var withSnapshots = await ComputeScenario.RunAsync(folder, signer, snapshots: true, options, progress, cancellationToken);
            var withoutSnapshots = await ComputeScenario.RunAsync(folder, signer, snapshots: false, options, progress, cancellationToken);
            return new ComputeBenchRun(raw, device, runner, luaState, withSnapshots, withoutSnapshots, genesisWasm);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    /// <summary>Windows of the ao-loader, device and process-step rows in turn, each row's windows summed.</summary>
    private const int GenesisWasmRounds = 3;

    /// <summary>
    /// ao-loader and this node on the same module and message, in alternating windows (a shared machine's load drifts
    /// within seconds), then the 64 MiB snapshot and restore.
    /// </summary>
    private static async Task<GenesisWasmBenchResult> GenesisWasmAsync(TimeSpan duration, TerminalProgress progress, CancellationToken cancellationToken)
    {
        var counter = await GenesisWasmCounter.CreateAsync(cancellationToken);
        using var device = await GenesisWasmLoop.DeviceAsync(counter, cancellationToken);
        using var bare = await GenesisWasmLoop.DeviceAsync(counter, cancellationToken, memoryInState: false);
        using var runner = await GenesisWasmLoop.RunnerAsync(counter, cancellationToken);
        foreach (var loop in new[] { device, bare, runner }) await loop.RunAsync(duration / 4, cancellationToken);
        var window = duration / GenesisWasmRounds;
        ComputeBenchResult? aoLoader = null;
        string? unavailable = null;
        var deviceRow = new ComputeBenchResult(device.Name, 0, TimeSpan.Zero);
        var bareRow = new ComputeBenchResult(bare.Name, 0, TimeSpan.Zero);
        var runnerRow = new ComputeBenchResult(runner.Name, 0, TimeSpan.Zero);
        for (var round = 1; round <= GenesisWasmRounds; round++)
        {
            if (unavailable is null)
            {
                var (measured, reason) = await progress.TrackAsync($"hb bench compute: ao-loader 0.0.49 in node, window {round} (npm ci the first time)…", duration,
                    () => AoLoaderBaseline.RunAsync(window, cancellationToken));
                (aoLoader, unavailable) = (measured is null ? null : Sum(aoLoader, measured), reason);
            }
            deviceRow = Sum(deviceRow, await progress.TrackAsync($"hb bench compute: genesis-wasm@1.0 device calls, window {round}…", window,
                () => device.RunAsync(window, cancellationToken)));
            bareRow = Sum(bareRow, await progress.TrackAsync($"hb bench compute: genesis-wasm@1.0 device calls, memory not in state, window {round}…", window,
                () => bare.RunAsync(window, cancellationToken)));
            runnerRow = Sum(runnerRow, await progress.TrackAsync($"hb bench compute: genesis-wasm process steps without actors, window {round}…", window,
                () => runner.RunAsync(window, cancellationToken)));
        }
        var snapshot = await progress.TrackAsync("hb bench compute: genesis-wasm 64 MiB snapshots and restores…", TimeSpan.FromSeconds(5),
            () => GenesisWasmBaselines.SnapshotAsync(counter, cancellationToken));
        return new GenesisWasmBenchResult(aoLoader, unavailable, deviceRow, bareRow, runnerRow, snapshot);
    }

    private static ComputeBenchResult Sum(ComputeBenchResult? total, ComputeBenchResult window) =>
        total is null ? window : total with { Operations = total.Operations + window.Operations, Elapsed = total.Elapsed + window.Elapsed };
}
