using System.Collections.Immutable;
using HyperBeam.Cluster.Storage.Protocol;
using HyperBeam.Core.Messages;
using HyperBeam.Storage;
using static HyperBeam.Cluster.Serialization.WireFields;

namespace HyperBeam.Cluster.Serialization;

/// <summary>Wire forms of the store shard protocol.</summary>
internal static class StoreProtocolFormats
{
    public static IEnumerable<WireFormat> All =>
    [
        WireFormat.For<StoreQuery>("s.query",
            c => Of(("key", c.Key), ("kind", (int)c.Kind), ("path", c.Path)),
            m => new StoreQuery(Text(m, "key"), (StoreQueryKind)Long(m, "kind"), Text(m, "path"))),
        WireFormat.For<StoreAnswer>("s.answer",
            c => Of(("type", (int)c.Type), ("resolved", c.Resolved), ("value", c.Value),
                ("names", c.Names is { } names ? new AoList(names.Select(n => (AoValue)n)) : null)),
            m => new StoreAnswer((StoreEntryType)Long(m, "type"), Text(m, "resolved"), OptionalBytes(m, "value"),
                m.Get("names") is AoList ? Texts(m, "names") : null)),
        WireFormat.For<StoreRedirect>("s.redirect",
            c => Of(("path", c.Path)),
            m => new StoreRedirect(Text(m, "path"))),
        WireFormat.For<StoreApply>("s.apply",
            c => Of(("key", c.Key), ("changes", EncodeChanges(c.Changes))),
            m => new StoreApply(Text(m, "key"), DecodeChanges(m))),
        WireFormat.For<StoreApplied>("s.applied",
            c => Of(("key", c.Key), ("copies", c.Copies)),
            m => new StoreApplied(Text(m, "key"), (int)Long(m, "copies"))),
        WireFormat.For<StoreFailed>("s.failed",
            c => Of(("key", c.Key), ("reason", c.Reason)),
            m => new StoreFailed(Text(m, "key"), Text(m, "reason"))),
        WireFormat.For<ReplicaApply>("s.replica-apply",
            c => Of(("key", c.Key), ("changes", EncodeChanges(c.Changes))),
            m => new ReplicaApply(Text(m, "key"), DecodeChanges(m))),
        WireFormat.For<ReplicaApplied>("s.replica-applied",
            c => Of(("key", c.Key)),
            m => new ReplicaApplied(Text(m, "key"))),
        WireFormat.For<ReplicaExport>("s.replica-export",
            c => Of(("key", c.Key)),
            m => new ReplicaExport(Text(m, "key"))),
        WireFormat.For<ReplicaExported>("s.replica-exported",
            c => Of(("key", c.Key), ("changes", EncodeChanges(c.Changes))),
            m => new ReplicaExported(Text(m, "key"), DecodeChanges(m))),
    ];

    private static AoList EncodeChanges(ImmutableArray<StoreChange> changes) =>
        new(changes.Select(c => (AoValue)Of(("kind", (int)c.Kind), ("path", c.Path), ("value", c.Value), ("target", c.Target))));

    private static ImmutableArray<StoreChange> DecodeChanges(Message m) =>
        [.. List(m, "changes").Items.Select(v => v is Message c
            ? new StoreChange((StoreChangeKind)Long(c, "kind"), Text(c, "path"), OptionalBytes(c, "value"), OptionalText(c, "target"))
            : throw new HyperBeam.Core.Codecs.CodecException("wire record: a store change is not a message"))];
}
