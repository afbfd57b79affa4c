using Akka.Actor;
using Akka.Serialization;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Binary;
using HyperBeam.Core.Messages;

namespace HyperBeam.Processes.Persistence;

/// <summary>
/// The journal's and snapshot store's serializer for process events: each record becomes one message in
/// <see cref="MessageBinary"/> form under a stable manifest. Manifests and field names never change meaning; a new
/// layout gets a new manifest, and the golden-bytes tests pin what is written today.
/// </summary>
public sealed class ScheduleEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7301;
    public const string AssignmentManifest = "hb.assignment.v1";
    public const string CheckpointManifest = "hb.checkpoint.v1";
    public const string SnapshotManifest = "hb.schedule-snapshot.v1";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        AssignmentRecorded => AssignmentManifest,
        CheckpointRecorded => CheckpointManifest,
        ScheduleSnapshot => SnapshotManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not a process event", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => MessageBinary.Encode(ToMessage(obj));

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var message = MessageBinary.DecodeMessage(bytes);
        return manifest switch
        {
            AssignmentManifest => new AssignmentRecorded(Required<Message>(message, "assignment")),
            CheckpointManifest => Checkpoint(message),
            SnapshotManifest => Snapshot(message),
            _ => throw new System.Runtime.Serialization.SerializationException($"unknown process event manifest '{manifest}'"),
        };
    }

    public static Message ToMessage(object obj) => obj switch
    {
        AssignmentRecorded a => Message.Empty.Set("assignment", a.Assignment),
        CheckpointRecorded c => Checkpoint(c),
        ScheduleSnapshot s => new MessageBuilder()
            .Set("process", s.Process)
            .Set("current-slot", s.CurrentSlot)
            .Set("hash-chain", s.HashChain)
            .Set("block-height", s.BlockHeight)
            .Set("checkpoint-events", s.CheckpointEvents)
            .Set("checkpoints", new AoList(s.Checkpoints.Select(c => (AoValue)Checkpoint(c))))
            .Set("recent", new AoList(s.Recent))
            .Build(),
        _ => throw new ArgumentException($"{obj.GetType()} is not a process event", nameof(obj)),
    };

    private static Message Checkpoint(CheckpointRecorded c) =>
        Message.Of(("slot", c.Slot), ("hash-chain", c.HashChain), ("checkpoint", c.Checkpoint));

    private static CheckpointRecorded Checkpoint(Message m) =>
        new(Required<AoInteger>(m, "slot").Value, Required<AoBinary>(m, "hash-chain").Text, Required<Message>(m, "checkpoint"));

    private static ScheduleSnapshot Snapshot(Message m) => new(
        Required<Message>(m, "process"),
        Required<AoInteger>(m, "current-slot").Value,
        Required<AoBinary>(m, "hash-chain").Text,
        Required<AoInteger>(m, "block-height").Value,
        Required<AoInteger>(m, "checkpoint-events").Value,
        Required<AoList>(m, "checkpoints").Items.Select(v => Checkpoint((Message)v)).ToList(),
        Required<AoList>(m, "recent").Items.Cast<Message>().ToList());

    private static T Required<T>(Message m, string key) where T : AoValue =>
        m.Get(key) as T ?? throw new CodecException($"process event: '{key}' is missing or not a {typeof(T).Name}");
}
