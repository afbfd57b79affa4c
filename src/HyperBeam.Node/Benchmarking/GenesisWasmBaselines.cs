using System.Diagnostics;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Aos;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// The snapshot and restore of a 64 MiB memory of CI's counter on genesis-wasm@1.0 (the message rates are
/// <see cref="GenesisWasmLoop"/>'s).
/// </summary>
public static class GenesisWasmBaselines
{
    /// <summary>What the snapshot rows grow the counter's memory to (a little above), through its Reserve action.</summary>
    public const long SnapshotMemoryBytes = 64L << 20;

    /// <summary>Snapshots (and restores) timed for their rows.</summary>
    public const int SnapshotRounds = 5;

    /// <summary>
    /// The counter grown to <see cref="SnapshotMemoryBytes"/> (its Reserve action keeps an allocation of heap-like
    /// records), then <see cref="SnapshotRounds"/> snapshots (zlib of the memory) and as many restores into a fresh device
    /// (decompress, instantiate, copy in), each round timed alone.
    /// </summary>
    public static async Task<SnapshotBenchResult> SnapshotAsync(GenesisWasmCounter counter, CancellationToken cancellationToken)
    {
        using var device = new GenesisWasmDevice(GenesisWasmCounter.Options);
        var resolver = new Resolver(DeviceRegistry.Preloaded.With(device), counter.ResolveOptions);
        var state = await InitAsync(resolver, counter, cancellationToken);
        // An allocation of the target's size: the memory ends a little above it (the counter's own heap, whole pages).
        var reserve = Message.Of(("type", "Message"), ("action", "Reserve"), ("bytes", SnapshotMemoryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var grown = await resolver.ResolveAsync(state, GenesisWasmCounter.Assignment(1, reserve), cancellationToken: cancellationToken);
        state = grown is { IsOk: true, Value: Message g } && g.GetMessage("results")?.GetText("type") == "ok"
            ? g : throw new InvalidOperationException($"the counter did not grow: {grown.Value}");

        Message snapshot = Message.Empty;
        var snapshotTime = TimeSpan.Zero;
        for (var i = 0; i < SnapshotRounds; i++)
        {
            var clock = Stopwatch.StartNew();
            var taken = await resolver.ResolveAsync(state, "snapshot", cancellationToken: cancellationToken);
            snapshotTime += clock.Elapsed;
            snapshot = taken is { IsOk: true, Value: Message s } ? s : throw new InvalidOperationException($"the snapshot failed: {taken.Value}");
        }
        var size = snapshot.Get("size") is AoInteger n ? n.Value : 0;
        var compressed = snapshot.Get("body") is AoBinary b ? b.Length : 0;

        var restoreTime = TimeSpan.Zero;
        for (var i = 0; i < SnapshotRounds; i++)
        {
            using var fresh = new GenesisWasmDevice(GenesisWasmCounter.Options);
            var restorer = new Resolver(DeviceRegistry.Preloaded.With(fresh), counter.ResolveOptions);
            var clock = Stopwatch.StartNew();
            var restored = await restorer.ResolveAsync(state.Set("snapshot", snapshot), "normalize", cancellationToken: cancellationToken);
            restoreTime += clock.Elapsed;
            if (!restored.IsOk) throw new InvalidOperationException($"the restore failed: {restored.Value}");
            // The restored process counts on from where it was: slot 0 and nothing since, so 1.
            var next = await restorer.ResolveAsync((Message)restored.Value, GenesisWasmCounter.Assignment(2), cancellationToken: cancellationToken);
            if (next is not { IsOk: true, Value: Message after } || after.GetMessage("results")?.GetText("data") != "count 1")
                throw new InvalidOperationException($"the restored process did not count on: {next.Value}");
        }
        return new SnapshotBenchResult(
            new ComputeBenchResult(ComputeBenchRows.GenesisWasmSnapshot, SnapshotRounds, snapshotTime),
            new ComputeBenchResult(ComputeBenchRows.GenesisWasmRestore, SnapshotRounds, restoreTime),
            size, compressed);
    }

    /// <summary>A new counter process's state after <c>init</c> on the resolver's genesis-wasm@1.0 device.</summary>
    internal static async Task<Message> InitAsync(Resolver resolver, GenesisWasmCounter counter, CancellationToken cancellationToken)
    {
        var state = Message.Of(("device", GenesisWasmDevice.DeviceName), ("process", counter.Process()));
        var result = await resolver.ResolveAsync(state, "init", cancellationToken: cancellationToken);
        return result is { IsOk: true, Value: Message ready } ? ready : throw new InvalidOperationException("the counter's init failed: " + result.Value);
    }
}
