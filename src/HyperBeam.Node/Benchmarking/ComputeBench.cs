using HyperBeam.Core.Wallets;
using HyperBeam.Node.Terminal;
using HyperBeam.Processes.Scheduling;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// <c>hb bench compute</c>: Lua slots per second through the real compute path beside a raw engine call and the
/// lua@5.3a device alone, and the recovery time of N slots with and without snapshots, all in a fresh temporary folder.
/// </summary>
public static class ComputeBench
{
    private const int WarmupSlots = 200;

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
            var luaState = await progress.TrackAsync("hb bench compute: snapshots and restores of a 10 MB Lua heap…", duration * 3,
                () => LuaHeapSnapshots.RunAsync(duration, cancellationToken));

            // Checkpoint signing signs only every 1000 slots, but still needs a key.
            using var wallet = await progress.TrackAsync("hb bench compute: creating a wallet…", TimeSpan.FromSeconds(3),
                () => Task.Run(Wallet.Create, cancellationToken));
            using var signer = new AssignmentSigner(wallet);
            // An unreported short run first, so the JIT and the first SQLite file are paid by neither scenario.
            await ComputeScenario.RunAsync(folder, signer, snapshots: true, options with { Slots = Math.Min(options.Slots, WarmupSlots) }, progress, cancellationToken);
            var withSnapshots = await ComputeScenario.RunAsync(folder, signer, snapshots: true, options, progress, cancellationToken);
            var withoutSnapshots = await ComputeScenario.RunAsync(folder, signer, snapshots: false, options, progress, cancellationToken);
            return new ComputeBenchRun(raw, device, runner, luaState, withSnapshots, withoutSnapshots);
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
}
