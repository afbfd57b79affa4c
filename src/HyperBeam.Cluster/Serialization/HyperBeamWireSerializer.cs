using System.Collections.Frozen;
using Akka.Actor;
using Akka.Serialization;
using SerializationException = System.Runtime.Serialization.SerializationException;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Binary;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Cluster.Serialization;

/// <summary>
/// The node's own serializer for everything that crosses nodes or is persisted: AO values, the process command
/// protocol and the store protocol, each written as an AO message in <see cref="MessageBinary"/> form under a short,
/// stable manifest. Bytes written by one release read back in the next (pinned by the golden-bytes tests). A process
/// command sent inside a trace also carries that trace (<see cref="WireTrace"/>).
/// Bound in hocon/cluster.hocon.
/// </summary>
public sealed class HyperBeamWireSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4711;

    /// <summary>Manifest of a bare AO value (message, binary, list...), private part included.</summary>
    public const string AoValueManifest = "ao";

    private static readonly FrozenDictionary<Type, WireFormat> ByType =
        ProcessProtocolFormats.All.Concat(StoreProtocolFormats.All).ToFrozenDictionary(f => f.Type);

    private static readonly FrozenDictionary<string, WireFormat> ByManifest =
        ByType.Values.ToFrozenDictionary(f => f.Manifest);

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        AoValue => AoValueManifest,
        _ => Format(o.GetType()).Manifest,
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        // Persisted state and messages keep their private part: it is node data, and this is the node's own format.
        AoValue value => MessageBinary.Encode(value, includePriv: true),
        IProcessCommand command => MessageBinary.Encode(WireTrace.Write(command, Format(obj.GetType()).Encode(obj))),
        _ => MessageBinary.Encode(Format(obj.GetType()).Encode(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (manifest == AoValueManifest) return MessageBinary.Decode(bytes);
        if (!ByManifest.TryGetValue(manifest, out var format))
            throw new SerializationException($"HyperBeamWireSerializer: unknown manifest '{manifest}' (a newer node's message?)");
        try
        {
            var record = MessageBinary.DecodeMessage(bytes);
            var decoded = format.Decode(record);
            if (decoded is IProcessCommand command) WireTrace.Read(record, command);
            return decoded;
        }
        catch (CodecException e)
        {
            throw new SerializationException($"HyperBeamWireSerializer: bad '{manifest}' record: {e.Message}", e);
        }
    }

    private static WireFormat Format(Type type) =>
        ByType.TryGetValue(type, out var format)
            ? format
            : throw new SerializationException($"HyperBeamWireSerializer: no wire format for {type.FullName}; add one to the formats");
}
