using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Tests;

/// <summary>
/// A device whose <c>work</c> key counts its calls and waits until the test opens the gate, or until its resolution
/// is cancelled (counted too).
/// </summary>
public sealed class GatedDevice
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;
    private int _cancelled;

    public GatedDevice() =>
        Device = Device.Create("gated@1.0", ("work", async (_, _, context) =>
        {
            Interlocked.Increment(ref _calls);
            try
            {
                await _gate.Task.WaitAsync(context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelled);
                throw;
            }
            return ResolveResult.Ok("done");
        }));

    public Device Device { get; }

    public int Calls => Volatile.Read(ref _calls);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public void Open() => _gate.TrySetResult();

    public Resolver Resolver() => new(DeviceRegistry.Preloaded.With(Device));

    public static IReadOnlyList<ResolveInput> Steps() => [Message.Of(("device", "gated@1.0")), "work"];
}
