using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Devices;

/// <summary>
/// A device's <c>snapshot</c> fixed at the moment it was captured and packed only if someone still wants it
/// (<see cref="ISnapshotCapture"/>): a process computes on while a snapshot write is out, and of the snapshots captured
/// meanwhile only the newest is ever written (newest wins), so the others are dropped unpacked rather than compressed
/// for nothing. Either <see cref="PackAsync"/> (once) or <see cref="Dispose"/> settles it; whoever holds it must do
/// one of the two, so that what the capture holds (pooled buffers, the device's count of captures out) is given back.
/// One nobody settles (a step's answer that reached a computer already stopped) is dropped when it is collected: the
/// device's count of captures out would otherwise stay raised for good, and every later snapshot of that VM be packed
/// in place on the VM's thread.
/// </summary>
public sealed class CapturedSnapshot : IDisposable
{
    private readonly Message? _packed;
    private readonly Func<Message>? _pack;
    private readonly Action? _release;
    private readonly TaskScheduler _scheduler;
    private int _settled;

    /// <param name="pack">Compresses the captured image into the <c>snapshot</c> message; runs once, on <paramref name="scheduler"/>.</param>
    /// <param name="release">Gives back what the capture holds without packing it.</param>
    public CapturedSnapshot(Func<Message> pack, Action release, TaskScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(release);
        _pack = pack;
        _release = release;
        _scheduler = scheduler ?? TaskScheduler.Default;
    }

    private CapturedSnapshot(Message packed)
    {
        _packed = packed;
        _scheduler = TaskScheduler.Default;
        GC.SuppressFinalize(this);
    }

    ~CapturedSnapshot()
    {
        try
        {
            Dispose();
        }
        catch (Exception)
        {
            // Nothing can hear it on the finalizer thread, and a throw there would end the process.
        }
    }

    /// <summary>A snapshot that was packed at once (nothing to give back): <see cref="PackAsync"/> gives it as it is.</summary>
    public static CapturedSnapshot Ready(Message snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new CapturedSnapshot(snapshot);
    }

    /// <summary>The snapshot, when it was packed at once; null while it waits to be packed.</summary>
    public Message? Packed => _packed;

    /// <summary>
    /// Packs the captured image off the caller's thread (on the capture's scheduler) and gives the <c>snapshot</c>
    /// message; what the capture held is given back either way. Once only, and not after <see cref="Dispose"/>.
    /// </summary>
    public Task<Message> PackAsync()
    {
        if (_packed is not null) return Task.FromResult(_packed);
        if (Interlocked.Exchange(ref _settled, 1) != 0)
            return Task.FromException<Message>(new ObjectDisposedException(nameof(CapturedSnapshot), "this snapshot was packed or dropped already"));
        GC.SuppressFinalize(this);
        return Task.Factory.StartNew(_pack!, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler);
    }

    /// <summary>Drops the snapshot unpacked (a newer one replaced it), giving back what it held; a no-op once settled.</summary>
    public void Dispose()
    {
        if (_packed is not null || Interlocked.Exchange(ref _settled, 1) != 0) return;
        GC.SuppressFinalize(this);
        _release!();
    }
}
