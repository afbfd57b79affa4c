using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Devices;

/// <summary>
/// A device whose <c>snapshot</c> (map mode) can be fixed at once and packed afterwards, off its caller's path, and
/// only if it is still wanted then: a process's compute goes on to the next slot, and the snapshot is compressed when
/// the store can take it (or dropped unpacked when a newer one replaced it). What is captured is the state at the
/// moment of the call; nothing the device runs later reaches it.
/// </summary>
public interface ISnapshotCapture
{
    /// <summary>
    /// Captures what <c>snapshot</c> of <paramref name="base"/> would give, as of now. When the returned task completes
    /// the image is fixed; <see cref="CapturedSnapshot.PackAsync"/> gives the snapshot message, and
    /// <see cref="CapturedSnapshot.Dispose"/> drops it. Null when the device cannot capture this base here: the caller
    /// then resolves <c>snapshot</c> as usual.
    /// </summary>
    ValueTask<CapturedSnapshot?> CaptureSnapshotAsync(Message @base);
}
