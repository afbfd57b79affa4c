using HyperBeam.Core.Messages;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class AssignmentFactoryTests
{
    [Theory]
    [InlineData("/inbox", "/inbox")]
    [InlineData(null, "compute")]
    [InlineData("", "compute")]
    public void An_assignment_has_HyperBEAMs_keys_and_values_however_it_is_built(string? path, string expectedPath)
    {
        var body = path is null ? Message.Of(("type", "Message")) : Message.Of(("type", "Message"), ("path", path));
        var chain = new byte[32];
        chain[0] = 7;

        var built = AssignmentFactory.Create("pid", 5, chain, body, 100, 1_700_000_000_000);

        var expected = Message.Of(
            ("type", "Assignment"), ("path", expectedPath), ("data-protocol", "ao"), ("variant", "ao.N.1"), ("process", "pid"),
            ("epoch", "0"), ("slot", 5L), ("block-height", 100L), ("block-hash", LocalBlockClock.Hash(100)),
            ("block-timestamp", LocalBlockClock.Timestamp(100)), ("timestamp", 1_700_000_000_000L),
            ("hash-chain", HashChain.Encode(chain)), ("body", body));
        Assert.Equal(expected, built);
        Assert.Equal(expected.Keys, built.Keys);
    }

    [Fact]
    public void The_block_hash_follows_the_height_from_one_assignment_to_the_next()
    {
        var body = Message.Of(("type", "Message"));

        var first = AssignmentFactory.Create("pid", 1, new byte[32], body, 100, 0);
        var second = AssignmentFactory.Create("pid", 2, new byte[32], body, 101, 0);

        Assert.Equal(LocalBlockClock.Hash(100), first.GetText("block-hash"));
        Assert.Equal(LocalBlockClock.Hash(101), second.GetText("block-hash"));
    }
}
