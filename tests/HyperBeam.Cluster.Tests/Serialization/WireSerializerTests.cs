using System.Diagnostics;
using Akka.Configuration;
using Akka.Serialization;
using HyperBeam.Cluster.Configuration;
using HyperBeam.Cluster.Serialization;
using HyperBeam.Cluster.Storage.Protocol;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tracing;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Tests.Serialization;

public sealed class WireSerializerTests() : Akka.TestKit.Xunit2.TestKit(ClusterHocon.Defaults
    .WithFallback(ConfigurationFactory.ParseString("akka.actor.provider = local")))
{
    private static readonly Message Body = Message.Of(("action", "Eval"), ("data", "1 + 1"), ("n", 7));

    public static TheoryData<object> ProtocolRecords() =>
    [
        new Schedule("pid", Body),
        new Scheduled("pid", 3, Body),
        new GetSchedule("pid", 0, null),
        new GetSchedule("pid", 2, 9),
        new SchedulePage("pid", [Body, Message.Of(("slot", 1))], true, 4),
        new GetCurrentSlot("pid"),
        new CurrentSlot("pid", -1, ""),
        new Compute("pid", null),
        new Compute("pid", 5),
        new Computed("pid", 5, Body),
        new DryRun("pid", "compute", Body, "lua@5.3a"),
        new DryRunEvaluated("pid", 5, "Ok", Body, null),
        new DryRunEvaluated("pid", 5, "Error", AoBinary.FromString("no such handler"), "no such handler"),
        new ProcessCommandFailed("pid", 503, "busy"),
        new GetCheckpoint("pid", "checkpoint-id"),
        new CheckpointFound("pid", Body),
        new GetProcessStatus("pid"),
        new ProcessStatus("pid", 9, "chain", "local_confirmation", "checkpoint", 8, 1),
        new GetComputeStatus("pid"),
        new ComputeStatus("pid", null, 0),
        new ComputeStatus("pid", 12, 4096),
        new StoreQuery("data/h", StoreQueryKind.List, "data/h"),
        new StoreRedirect("id/key"),
        new StoreApplied("k", 2),
        new StoreFailed("k", "disk full"),
        new ReplicaApplied("k"),
        new ReplicaExport("k"),
    ];

    [Theory]
    [MemberData(nameof(ProtocolRecords))]
    public void Protocol_records_cross_nodes_through_the_wire_serializer_unchanged(object record)
    {
        var serializer = Sys.Serialization.FindSerializerFor(record);
        Assert.IsType<HyperBeamWireSerializer>(serializer);
        var bytes = serializer.ToBinary(record);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, record));
        Assert.Equal(Render(record), Render(back));
    }

    /// <summary>
    /// Every record of the process protocol may be asked of, or answered by, an entity on another node: each must have
    /// a wire format (a command without one fails to serialize; a reply without one would fall back to Akka's default).
    /// </summary>
    [Fact]
    public void Every_process_protocol_record_is_bound_to_the_wire_serializer()
    {
        var records = typeof(IProcessCommand).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(IProcessCommand).Namespace && t.IsPublic && t.GetMethod("<Clone>$") is not null) // records
            .Where(t => t != typeof(ComputeChildContext)) // handed to a local child at creation, never sent
            .ToList();
        Assert.Contains(typeof(ComputeStatus), records);
        var covered = ((IEnumerable<object[]>)ProtocolRecords()).Select(row => row[0].GetType()).ToHashSet();
        foreach (var type in records)
        {
            var serializer = Sys.Serialization.FindSerializerForType(type);
            Assert.True(serializer is HyperBeamWireSerializer, $"{type.Name} goes through {serializer.GetType().Name}: bind it in hocon/cluster.hocon");
            Assert.True(covered.Contains(type), $"{type.Name} has no round-trip case in {nameof(ProtocolRecords)}");
        }
    }

    [Fact]
    public void Store_changes_and_answers_keep_bytes_names_and_links()
    {
        var apply = new StoreApply("id", [
            new StoreChange(StoreChangeKind.MakeGroup, "id"),
            new StoreChange(StoreChangeKind.Write, "id/a", [0, 1, 255]),
            new StoreChange(StoreChangeKind.MakeLink, "id/b", Target: "data/h")]);
        var back = RoundTrip(apply);
        Assert.Equal(apply.Key, back.Key);
        Assert.Equal(3, back.Changes.Length);
        Assert.Equal(new byte[] { 0, 1, 255 }, back.Changes[1].Value);
        Assert.Equal("data/h", back.Changes[2].Target);

        var answer = RoundTrip(new StoreAnswer(StoreEntryType.Composite, "id", Names: ["a", "b"]));
        Assert.Equal(["a", "b"], answer.Names!);
        Assert.Null(answer.Value);
        var value = RoundTrip(new StoreAnswer(StoreEntryType.Simple, "id/a", [9]));
        Assert.Equal(new byte[] { 9 }, value.Value);
        Assert.Null(value.Names);
    }

    [Fact]
    public void AO_messages_keep_their_private_part()
    {
        var message = Body.WithPriv(Message.Of(("hashpath", "x/y")));
        var back = RoundTrip<Message>(message);
        Assert.Equal(message, back);
        Assert.Equal("x/y", back.Priv.GetText("hashpath"));
    }

    /// <summary>
    /// Golden bytes: what this release writes for a persisted or in-flight record. A later release must read these
    /// exact bytes back; if this test fails, the wire format changed incompatibly (add a new manifest instead).
    /// </summary>
    [Fact]
    public void Bytes_written_by_this_release_read_back_unchanged()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(Schedule));
        const string golden = "010502076d657373616765050306616374696f6e00044576616c0464617461000531202b2031016e010e000a70726f636573732d6964000370696400";
        var record = new Schedule("pid", Body);
        Assert.Equal("p.schedule", serializer.Manifest(record));
        Assert.Equal(golden, Convert.ToHexStringLower(serializer.ToBinary(record)));
        var back = (Schedule)serializer.FromBinary(Convert.FromHexString(golden), "p.schedule");
        Assert.Equal(record, back);
    }

    [Fact]
    public void A_command_sent_inside_a_trace_arrives_with_that_trace_and_one_sent_outside_with_none()
    {
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var traced = new Schedule("pid", Body);
        ProcessTraceContext.Attach(traced, parent);

        var back = RoundTrip(traced);
        Assert.NotSame(traced, back);
        Assert.Equal(parent, ProcessTraceContext.ParentOf(back));
        Assert.Equal(default, ProcessTraceContext.ParentOf(RoundTrip(new Schedule("pid", Body))));
        // Only the trace's own fields travel: the record itself reads back unchanged.
        Assert.Equal(new Schedule("pid", Body), back);
    }

    [Fact]
    public void An_unknown_manifest_is_a_clear_error()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(Schedule));
        var e = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([1, 5, 0, 0], "p.from-the-future"));
        Assert.Contains("p.from-the-future", e.Message);
    }

    [Fact]
    public void Transient_control_messages_go_through_hyperion()
    {
        Assert.Equal("HyperionSerializer", Sys.Serialization.FindSerializerFor(new Ping("x")).GetType().Name);
    }

    public sealed record Ping(string Text) : ITransientControlMessage;

    private T RoundTrip<T>(T value) where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(value);
        return (T)Sys.Serialization.Deserialize(serializer.ToBinary(value), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, value));
    }

    // Records holding messages or lists compare by reference; their printed form compares by content.
    private static string Render(object? o) => o switch
    {
        SchedulePage p => $"{p.ProcessId}|{string.Join(";", p.Assignments)}|{p.Continues}|{p.CurrentSlot}",
        _ => o?.ToString() ?? "null",
    };
}
