namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>What became of the snapshots an <see cref="OutsideCounterDevice"/> captured: packed, or dropped unpacked.</summary>
internal sealed class CaptureCounts
{
    private int _captured;
    private int _packed;
    private int _dropped;

    public int Captured => Volatile.Read(ref _captured);

    public int Packed => Volatile.Read(ref _packed);

    public int Dropped => Volatile.Read(ref _dropped);

    public void OnCaptured() => Interlocked.Increment(ref _captured);

    public void OnPacked() => Interlocked.Increment(ref _packed);

    public void OnDropped() => Interlocked.Increment(ref _dropped);
}
