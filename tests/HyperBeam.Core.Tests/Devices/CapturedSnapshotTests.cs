using System.Runtime.CompilerServices;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Devices;

/// <summary>A captured snapshot gives back what it holds exactly once: packed, dropped, or, if nobody settles it, collected.</summary>
public class CapturedSnapshotTests
{
    [Fact]
    public void A_capture_nobody_settles_gives_back_what_it_holds_once_collected()
    {
        var released = new StrongBox<int>();
        _ = Lose(released, settle: null);
        for (var pass = 0; pass < 10 && Volatile.Read(ref released.Value) == 0; pass++) Collect();
        Assert.Equal(1, Volatile.Read(ref released.Value));
    }

    [Fact]
    public async Task A_capture_packed_or_dropped_is_not_given_back_again_when_collected()
    {
        var dropped = new StrongBox<int>();
        var packed = new StrongBox<int>();
        _ = Lose(dropped, settle: capture =>
        {
            capture.Dispose();
            return null;
        });
        await Lose(packed, settle: capture => capture.PackAsync())!;
        Collect();
        Collect();
        Assert.Equal(1, Volatile.Read(ref dropped.Value));
        Assert.Equal(0, Volatile.Read(ref packed.Value));
    }

    // Not inlined, so nothing in the test's own frame keeps the capture reachable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task? Lose(StrongBox<int> released, Func<CapturedSnapshot, Task?>? settle)
    {
        var capture = new CapturedSnapshot(() => Message.Of(("snapshot", "packed")), () => Interlocked.Increment(ref released.Value));
        return settle?.Invoke(capture);
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }
}
