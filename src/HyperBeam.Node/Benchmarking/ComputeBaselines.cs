using System.Diagnostics;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Scheduling;
using KeraLua;
using LuaState = KeraLua.Lua;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// What one counter slot costs without the actors and the journal, measured in the same run: the bare Lua call, the
/// lua@5.3a device (message ↔ table conversion, VM thread hop), and the process@1.0 step around it.
/// </summary>
public static class ComputeBaselines
{
    /// <summary>The counter's <c>compute</c> called through KeraLua on one Lua table: the floor for any Lua slot.</summary>
    public static ComputeBenchResult RawLua(TimeSpan duration, CancellationToken cancellationToken)
    {
        using var lua = new LuaState();
        lua.OpenLibs();
        if (lua.DoString(ComputeCounterProcess.Source)) throw new InvalidOperationException("the counter script did not load: " + lua.ToString(-1));
        lua.NewTable();
        lua.PushInteger(0);
        lua.SetField(-2, "count");
        var state = lua.Ref(LuaRegistry.Index);

        var warmup = Run(WarmupOf(duration));
        var clock = Stopwatch.StartNew();
        var calls = Run(duration);
        var elapsed = clock.Elapsed;
        lua.RawGetInteger(LuaRegistry.Index, state);
        lua.GetField(-1, "count");
        if (lua.ToInteger(-1) != warmup + calls) throw new InvalidOperationException($"the raw counter reached {lua.ToInteger(-1)} after {warmup + calls} calls");
        return new ComputeBenchResult(ComputeBenchRows.RawLua, calls, elapsed);

        long Run(TimeSpan length)
        {
            long n = 0;
            var timer = Stopwatch.StartNew();
            while (timer.Elapsed < length && !cancellationToken.IsCancellationRequested)
            {
                // Reading the clock costs about as much as a call: run them in batches.
                for (var i = 0; i < 1000; i++)
                {
                    lua.GetGlobal("compute");
                    lua.RawGetInteger(LuaRegistry.Index, state);
                    if (lua.PCall(1, 1, 0) != LuaStatus.OK) throw new InvalidOperationException("the counter failed: " + lua.ToString(-1));
                    lua.Pop(1);
                }
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
        var state = Message.Of(("device", LuaDevice.DeviceName), ("module", ComputeCounterProcess.Module));
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
