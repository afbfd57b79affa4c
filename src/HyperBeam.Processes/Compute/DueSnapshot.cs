using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// A snapshot due for the store: the state of <paramref name="Slot"/>, carrying the devices' snapshot already, or with
/// the devices' image <paramref name="Captured"/> at that slot and not packed yet (it is packed only once a write is
/// free for it; a newer snapshot replacing it drops it unpacked, see <see cref="Drop"/>).
/// </summary>
internal sealed record DueSnapshot(long Slot, Message State, CapturedSnapshot? Captured = null)
{
    /// <summary>Not written after all: gives a capture's image back to its device.</summary>
    public void Drop() => Captured?.Dispose();

    /// <summary>The snapshot as stored, once packed (or at once when it needs no packing).</summary>
    public ComputeSnapshot Stored(Message? devicesSnapshot = null) =>
        new(Slot, devicesSnapshot is null ? State : State.Set(ProcessStateKeys.Snapshot, devicesSnapshot));
}
