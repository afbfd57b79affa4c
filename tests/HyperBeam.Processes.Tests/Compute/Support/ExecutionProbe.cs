using System.Collections.Concurrent;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>
/// Counts what the test execution device <c>counter@1.0</c> does across all its instances, and lets a test make a
/// slot throw, hang or wait (<see cref="BeforeCompute"/> gets the slot and the how-many-th attempt of it).
/// </summary>
internal sealed class ExecutionProbe
{
    public const string DeviceName = "counter@1.0";

    private int _inits;
    private int _computes;
    private int _created;
    private int _disposed;

    public ConcurrentDictionary<long, int> AttemptsBySlot { get; } = new();

    public Func<long, int, Task> BeforeCompute { get; set; } = static (_, _) => Task.CompletedTask;

    public int Inits => Volatile.Read(ref _inits);

    public int Computes => Volatile.Read(ref _computes);

    public int Created => Volatile.Read(ref _created);

    public int Disposed => Volatile.Read(ref _disposed);

    public int AttemptsOf(long slot) => AttemptsBySlot.TryGetValue(slot, out var n) ? n : 0;

    public Device Create()
    {
        Interlocked.Increment(ref _created);
        return new CountingDevice(this);
    }

    /// <summary>init sets <c>count</c> to 0; compute adds one and answers <c>results/data</c> = "slot N: label".</summary>
    private sealed class CountingDevice : Device, IDisposable
    {
        private readonly ExecutionProbe _probe;

        public CountingDevice(ExecutionProbe probe) : base(DeviceName)
        {
            _probe = probe;
            Map("init", Init);
            Map("compute", ComputeAsync);
        }

        public void Dispose() => Interlocked.Increment(ref _probe._disposed);

        private ValueTask<ResolveResult> Init(Message state, Message request, ResolveContext context)
        {
            Interlocked.Increment(ref _probe._inits);
            return ValueTask.FromResult(ResolveResult.Ok(state.Set("count", 0)));
        }

        private async ValueTask<ResolveResult> ComputeAsync(Message state, Message request, ResolveContext context)
        {
            var slot = ((AoInteger)request.Get("slot")!).Value;
            var attempt = _probe.AttemptsBySlot.AddOrUpdate(slot, 1, (_, n) => n + 1);
            await _probe.BeforeCompute(slot, attempt).ConfigureAwait(false);
            Interlocked.Increment(ref _probe._computes);
            var count = ((AoInteger)state.Get("count")!).Value + 1;
            var label = (request.Get("body") as Message)?.GetText("label") ?? "";
            return ResolveResult.Ok(state
                .Set("count", count)
                .Set("results", Message.Of(("data", $"slot {slot}: {label}"))));
        }
    }
}
