using Akka.Actor;
using Akka.Serialization;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Persistence;
using Xunit.Abstractions;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>Bytes written today must read back in every later release: these pin the journal and snapshot formats.</summary>
public class ScheduleEventSerializerTests(ITestOutputHelper log) : SchedulingTestKit(NewDatabase())
{
    private static readonly Message Body = Message.Of(("type", "Message"), ("n", 3));

    private static readonly AssignmentRecorded Assignment = new(Message.Of(("slot", 1), ("hash-chain", "q2"), ("body", Body)));

    private static readonly CheckpointRecorded Checkpoint = new(4, "h4", Message.Of(("type", "Checkpoint"), ("slot", 4)));

    private static readonly ScheduleSnapshot Snapshot = new(Body, 4, "h4", 7, 1, [Checkpoint], [Assignment.Assignment]);

    private const string AssignmentHex =
        "0105010A61737369676E6D656E74050304626F64790502016E0106047479706500074D657373616765000A686173682D636861696E0002713204736C6F7401020000";
    private const string CheckpointHex =
        "0105030A636865636B706F696E74050204736C6F7401080474797065000A436865636B706F696E74000A686173682D636861696E0002683404736C6F74010800";
    private const string SnapshotHex =
        "0105070C626C6F636B2D686569676874010E11636865636B706F696E742D6576656E747301020B636865636B706F696E7473040105030A636865636B706F696E74050204736C6F7401080474797065000A436865636B706F696E74000A686173682D636861696E0002683404736C6F740108000C63757272656E742D736C6F7401080A686173682D636861696E000268340770726F636573730502016E0106047479706500074D6573736167650006726563656E740401050304626F64790502016E0106047479706500074D657373616765000A686173682D636861696E0002713204736C6F7401020000";

    public static TheoryData<object, string, string> Golden => new()
    {
        { Assignment, ScheduleEventSerializer.AssignmentManifest, AssignmentHex },
        { Checkpoint, ScheduleEventSerializer.CheckpointManifest, CheckpointHex },
        { Snapshot, ScheduleEventSerializer.SnapshotManifest, SnapshotHex },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Events_and_snapshots_are_written_as_the_pinned_bytes_and_read_back(object value, string manifest, string hex)
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(value);
        Assert.IsType<ScheduleEventSerializer>(serializer);
        Assert.Equal(manifest, serializer.Manifest(value));
        var bytes = serializer.ToBinary(value);
        log.WriteLine(Convert.ToHexString(bytes));
        Assert.Equal(hex, Convert.ToHexString(bytes));
        var back = serializer.FromBinary(Convert.FromHexString(hex), manifest);
        Assert.Equal(ScheduleEventSerializer.ToMessage(value), ScheduleEventSerializer.ToMessage(back));
    }

    [Fact]
    public void An_unknown_manifest_is_refused()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(Assignment);
        Assert.ThrowsAny<Exception>(() => serializer.FromBinary(serializer.ToBinary(Assignment), "hb.unknown.v9"));
    }
}
