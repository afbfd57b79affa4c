using HyperBeam.Core.Codecs;
using HyperBeam.Core.Codecs.Binary;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Codecs;

public class MessageBinaryTests
{
    [Fact]
    public void Random_messages_round_trip_exactly()
    {
        var random = new RandomMessages(20261127);
        for (var i = 0; i < 1000; i++)
        {
            var message = random.Next();
            var back = MessageBinary.DecodeMessage(MessageBinary.Encode(message));
            Assert.Equal(message, back);
            Assert.Equal(MessageBinary.Encode(message), MessageBinary.Encode(back));
        }
    }

    [Fact]
    public void Every_type_keeps_its_type_and_value()
    {
        var message = Message.Of(
            ("bin", new AoBinary([0xFF, 0x00, 0x80])), ("int", long.MinValue), ("max", long.MaxValue), ("neg", -1),
            ("float", -0.5), ("atom", new AoAtom("ok")), ("yes", true), ("list", AoList.Of(1, "a", AoList.Empty)),
            ("empty", Message.Empty), ("text", "ünïcode"));
        var back = MessageBinary.DecodeMessage(MessageBinary.Encode(message));
        Assert.Equal(message, back);
        Assert.IsType<AoFloat>(back["float"]);
        Assert.IsType<AoAtom>(back["yes"]);
        Assert.Equal(long.MinValue, ((AoInteger)back["int"]!).Value);
    }

    [Fact]
    public void The_private_part_is_kept_only_when_asked()
    {
        var message = Message.Of(("a", 1)).WithPriv(Message.Of(("secret", "s")));
        Assert.True(MessageBinary.DecodeMessage(MessageBinary.Encode(message)).Priv.IsEmpty);
        Assert.Equal("s", MessageBinary.DecodeMessage(MessageBinary.Encode(message, includePriv: true)).Priv.GetText("secret"));
    }

    /// <summary>Bytes written by this version must read back in every later one: this layout is frozen.</summary>
    [Fact]
    public void Golden_bytes_of_format_version_1()
    {
        var message = Message.Of(("a", 1), ("b", AoList.Of("x", 2.0)), ("c", new AoAtom("ok")));
        const string golden = "0105030161010201620402000178020000000000000040016303026f6b00";
        Assert.Equal(golden, Convert.ToHexStringLower(MessageBinary.Encode(message)));
        Assert.Equal(message, MessageBinary.DecodeMessage(Convert.FromHexString(golden)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("02")]
    [InlineData("0105")]
    [InlineData("0109")]
    [InlineData("0100ff")]
    [InlineData("010500ff")]
    [InlineData("01000300")]
    [InlineData("01ffffffffffffffffffffff")]
    [InlineData("01048080808008")]
    public void Corrupt_input_is_a_codec_exception(string hex)
    {
        Assert.Throws<CodecException>(() => MessageBinary.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Hostile_nesting_is_refused()
    {
        var bytes = new List<byte> { MessageBinary.FormatVersion };
        for (var i = 0; i < 10_000; i++) bytes.AddRange([4, 1]);
        Assert.Throws<CodecException>(() => MessageBinary.Decode(bytes.ToArray()));
    }

    [Fact]
    public void Random_garbage_never_escapes_as_another_exception()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(1, 40)];
            random.NextBytes(bytes);
            bytes[0] = MessageBinary.FormatVersion;
            try { MessageBinary.Decode(bytes); }
            catch (CodecException) { }
        }
    }
}
