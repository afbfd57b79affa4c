using System.Diagnostics;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua;
using HyperBeam.Lua.Engine;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// What one counter slot costs without the actors and the journal, measured in the same run: the bare engine call, the
/// lua@5.3a device (message ↔ table conversion, VM thread hop), and the process@1.0 step around it.
/// </summary>
public static class ComputeBaselines
{
    /// <summary>
    /// The counter's <c>compute</c> called inside the engine on one Lua table kept there (one engine call per slot, no
    /// message conversion): the floor for any Lua slot.
    /// </summary>
    public static ComputeBenchResult RawLua(TimeSpan duration, CancellationToken cancellationToken)
    {
        const string raw = """
            local state = { count = 0 }
            function raw_compute() state = compute(state) end
            function raw_count() return state.count end
            """;
        using var lua = LuaEngineState.Load(ComputeCounterProcess.Source + "\n" + raw, ComputeCounterProcess.LuaOptions);
        var warmup = Run(WarmupOf(duration));
        var clock = Stopwatch.StartNew();
        var calls = Run(duration);
        var elapsed = clock.Elapsed;
        var count = lua.Call("raw_count") is [AoInteger n] ? n.Value : -1;
        if (count != warmup + calls) throw new InvalidOperationException($"the raw counter reached {count} after {warmup + calls} calls");
        return new ComputeBenchResult(ComputeBenchRows.RawLua, calls, elapsed);

        long Run(TimeSpan length)
        {
            long n = 0;
            var timer = Stopwatch.StartNew();
            while (timer.Elapsed < length && !cancellationToken.IsCancellationRequested)
            {
                // Reading the clock costs about as much as a call: run them in batches.
                for (var i = 0; i < 1000; i++) lua.Call("raw_compute");
                n += 1000;
            }
            return n;
        }
    }

    /// <summary>Resolving <c>compute</c> on a lua@5.3a message: each call converts the message to a table and back.</summary>
    public static async Task<ComputeBenchResult> DeviceAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var device = new LuaDevice(ComputeCounterProcess.LuaOptions);
        var resolver = new Resolver(DeviceRegistry.Preloaded.With(device), ResolveOptions.Default with { Hashpath = HashpathMode.Ignore });
        // A process state names its process: that VM keeps its globals (a base naming none starts each call afresh).
        var state = Message.Of(("device", LuaDevice.DeviceName), ("module", ComputeCounterProcess.Module), (LuaDevice.OwnerKey, ComputeCounterProcess.Create()));
        long calls = 0;
        await RunAsync(WarmupOf(duration));
        var warmup = calls;
        var clock = Stopwatch.StartNew();
        await RunAsync(duration);
        var elapsed = clock.Elapsed;
        CheckCount(state, calls);
        return new ComputeBenchResult(ComputeBenchRows.DeviceDirect, calls - warmup, elapsed);

        async Task RunAsync(TimeSpan length)
        {
            var timer = Stopwatch.StartNew();
            while (timer.Elapsed < length && !cancellationToken.IsCancellationRequested)
            {
                var result = await resolver.ResolveAsync(state, "compute", cancellationToken: cancellationToken);
                state = result is { IsOk: true, Value: Message next } ? next : throw new InvalidOperationException($"the counter failed after {calls} calls: {result.Value}");
                calls++;
            }
        }
    }

    /// <summary>
    /// What a compute worker runs per slot (the process state swapped to lua@5.3a, the assignment as the request,
    /// swapped back), called in a loop: the process step without actors, scheduling or persistence.
    /// </summary>
    public static async Task<ComputeBenchResult> RunnerAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var device = new LuaDevice(ComputeCounterProcess.LuaOptions);
        var options = ResolveOptions.Default;
        var runner = new ExecutionRunner(new Resolver(DeviceRegistry.Preloaded.With(device), options), options);
        var process = ComputeCounterProcess.Create();
        var processId = ComputeCounterProcess.IdOf(process);
        var initialized = await runner.InitAsync(ProcessStateKeys.Initial(process), cancellationToken);
        var state = initialized is { IsOk: true, Value: Message ready } ? ready : throw new InvalidOperationException("the counter's init failed: " + initialized.Value);
        var template = AssignmentFactory.Create(processId, 0, new byte[32], ComputeCounterProcess.Input(0), 0, 0);

        long slot = 0;
        await RunAsync(WarmupOf(duration));
        var warmup = slot;
        var clock = Stopwatch.StartNew();
        await RunAsync(duration);
        var elapsed = clock.Elapsed;
        CheckCount(state, slot);
        return new ComputeBenchResult(ComputeBenchRows.RunnerDirect, slot - warmup, elapsed);

        async Task RunAsync(TimeSpan length)
        {
            var timer = Stopwatch.StartNew();
            while (timer.Elapsed < length && !cancellationToken.IsCancellationRequested)
            {
                slot++;
                var assignment = template.Set(ProcessStateKeys.Slot, new AoInteger(slot)).Set(ProcessStateKeys.Body, ComputeCounterProcess.Input(slot));
                var result = await runner.ComputeAsync(state, slot, assignment, cancellationToken);
                state = result is { IsOk: true, Value: Message next } ? next : throw new InvalidOperationException($"slot {slot} failed: {result.Value}");
            }
        }
    }

    /// <summary>Unmeasured calls first, so the JIT and the VM's first allocations are not counted.</summary>
    private static TimeSpan WarmupOf(TimeSpan duration) => duration / 4;

    /// <summary>A benchmark that did not do its work measures nothing: the counter must have counted every call.</summary>
    internal static void CheckCount(Message state, long expected)
    {
        if (!Equals(state.Get("count"), new AoInteger(expected)))
            throw new InvalidOperationException($"the counter is at {state.Get("count")} after {expected} slots");
    }
}
