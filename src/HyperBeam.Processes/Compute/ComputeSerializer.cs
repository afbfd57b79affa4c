using System.Buffers.Binary;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using HyperBeam.Core.Codecs.Binary;

namespace HyperBeam.Processes.Compute;

/// <summary>
/// Persists <see cref="ComputeSnapshot"/> and <see cref="ComputeCheckpoint"/> in a stable schema, never through a
/// polymorphic serializer. Snapshot: the slot as 8 bytes big-endian, then the state in <see cref="MessageBinary"/>
/// (which carries its own format version). Checkpoint: the slot as 8 bytes big-endian. A new layout gets a new manifest;
/// the old ones stay readable.
/// </summary>
public sealed class ComputeSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 8301;
    public const string SnapshotManifest = "compute-snapshot/1";
    public const string CheckpointManifest = "compute-checkpoint/1";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        ComputeSnapshot => SnapshotManifest,
        ComputeCheckpoint => CheckpointManifest,
        _ => throw new ArgumentException($"{nameof(ComputeSerializer)} cannot serialize a {o.GetType().Name}", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        ComputeSnapshot snapshot => WithSlot(snapshot.Slot, MessageBinary.Encode(snapshot.State)),
        ComputeCheckpoint checkpoint => WithSlot(checkpoint.Slot, []),
        _ => throw new ArgumentException($"{nameof(ComputeSerializer)} cannot serialize a {obj.GetType().Name}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (bytes.Length < sizeof(long)) throw new SerializationException($"{manifest}: {bytes.Length} bytes is too short");
        var slot = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return manifest switch
        {
            SnapshotManifest => new ComputeSnapshot(slot, MessageBinary.DecodeMessage(bytes.AsSpan(sizeof(long)))),
            CheckpointManifest when bytes.Length == sizeof(long) => new ComputeCheckpoint(slot),
            _ => throw new SerializationException($"{nameof(ComputeSerializer)}: unknown manifest '{manifest}' ({bytes.Length} bytes)"),
        };
    }

    private static byte[] WithSlot(long slot, byte[] rest)
    {
        var bytes = new byte[sizeof(long) + rest.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, slot);
        rest.CopyTo(bytes, sizeof(long));
        return bytes;
    }
}
