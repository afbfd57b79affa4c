using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;

namespace HyperBeam.Processes.Tests.Compute;

public sealed class ComputeSerializerTests() : TestKit(Support.ComputeTestConfig.InMemory)
{
    [Fact]
    public void A_snapshot_serializes_to_the_pinned_bytes_and_back()
    {
        var snapshot = new ComputeSnapshot(3, Message.Of(("at-slot", 3), ("results", Message.Of(("data", "hi")))));
        var serializer = Sys.Serialization.FindSerializerFor(snapshot);

        var bytes = serializer.ToBinary(snapshot);

        Assert.IsType<ComputeSerializer>(serializer);
        Assert.Equal(ComputeSerializer.SerializerId, serializer.Identifier);
        Assert.Equal(GoldenSnapshot, Convert.ToHexString(bytes));
        var back = Assert.IsType<ComputeSnapshot>(Sys.Serialization.Deserialize(bytes, serializer.Identifier, ComputeSerializer.SnapshotManifest));
        Assert.Equal(3, back.Slot);
        Assert.Equal(snapshot.State, back.State);
    }

    [Fact]
    public void A_checkpoint_serializes_to_the_pinned_bytes_and_back()
    {
        var checkpoint = new ComputeCheckpoint(258);
        var serializer = (ComputeSerializer)Sys.Serialization.FindSerializerFor(checkpoint);

        var bytes = serializer.ToBinary(checkpoint);

        Assert.Equal("0000000000000102", Convert.ToHexString(bytes));
        Assert.Equal(checkpoint, serializer.FromBinary(bytes, serializer.Manifest(checkpoint)));
    }

    [Fact]
    public void Unknown_manifests_and_short_input_are_refused()
    {
        var serializer = (ComputeSerializer)Sys.Serialization.FindSerializerFor(new ComputeCheckpoint(1));

        Assert.ThrowsAny<Exception>(() => serializer.FromBinary([0, 0, 0, 0, 0, 0, 0, 1], "compute-unknown/9"));
        Assert.ThrowsAny<Exception>(() => serializer.FromBinary([1, 2], ComputeSerializer.SnapshotManifest));
    }

    private const string GoldenSnapshot = "00000000000000030105020761742D736C6F74010607726573756C747305010464617461000268690000";
}
