using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Devices;

/// <summary>
/// A device whose <c>snapshot</c> (map mode) can be fixed at once and packed afterwards, off its caller's path: a
/// process's compute goes on to the next slot while the image is compressed on another thread. What is captured is
/// the state at the moment of the call; nothing the device runs later reaches it.
/// </summary>
public interface ISnapshotCapture
{
    /// <summary>
    /// Captures what <c>snapshot</c> of <paramref name="base"/> would give, as of now. When the returned task completes
    /// the image is fixed; the inner task gives the snapshot message once packed. Null when the device cannot capture
    /// this base here: the caller then resolves <c>snapshot</c> as usual.
    /// </summary>
    ValueTask<Task<Message>?> CaptureSnapshotAsync(Message @base);
}
