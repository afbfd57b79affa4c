using System.Text;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Vectors;

namespace HyperBeam.Core.Tests.Ids;

/// <summary>The flat-message shortcut builds exactly the HMAC signature base the encodings build, or declines.</summary>
public class FlatMessageSignatureBaseTests
{
    public static IEnumerable<object[]> Cases => VectorFile.Rows("ids.json");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Where_it_applies_it_matches_HyperBEAMs_signature_base_byte_for_byte(VectorCase v)
    {
        var input = TypedJson.ToMessage(v.Data.GetProperty("input"));
        var expected = TypedJson.ToBytes(v.Data.GetProperty("hmac_signature_bases")[0]);
        if (FlatMessageSignatureBase.TryBuild(input) is { } built) Assert.Equal(Encoding.Latin1.GetString(expected), Encoding.Latin1.GetString(built));
    }

    [Fact]
    public void Random_flat_messages_get_the_signature_base_of_the_general_path()
    {
        var random = new Random(17);
        string[] keys = ["type", "n", "client", "phase", "path", "method", "status", "query", "target", "a.b", "x_y", "9", "z-1", "action", "from-process"];
        string[] texts = ["Message", " padded ", "line\nbreak", "quote\"and\\slash", "ünïcode", "x", new string('a', 4096), "\n", "  "];
        var built = 0;
        for (var i = 0; i < 500; i++)
        {
            var builder = new MessageBuilder();
            foreach (var key in keys.OrderBy(_ => random.Next()).Take(random.Next(1, keys.Length)))
            {
                if (random.Next(3) == 0) builder.Set(key, new AoInteger(random.Next(4) == 0 ? long.MinValue + random.Next() : random.NextInt64(-1_000_000, 1_000_000)));
                else builder.Set(key, AoBinary.FromString(texts[random.Next(texts.Length)]));
            }
            var message = builder.Build();
            var flat = FlatMessageSignatureBase.TryBuild(message);
            Assert.NotNull(flat);
            Assert.Equal(Encoding.Latin1.GetString(MessageIds.HmacSignatureBase(message)), Encoding.Latin1.GetString(flat));
            built++;
        }
        Assert.Equal(500, built);
    }

    [Fact]
    public void Messages_the_encodings_reshape_go_the_general_path()
    {
        var id = new string('a', 43);
        foreach (var message in new[]
                 {
                     Message.Empty,
                     Message.Of(("body", "x")),
                     Message.Of(("data", "x")),
                     Message.Of(("a", "")),
                     Message.Of(("a", new string('b', 4097))),
                     Message.Of(("a", 1.5)),
                     Message.Of(("a", true)),
                     Message.Of(("a", Message.Of(("b", "c")))),
                     Message.Of(("a", new AoList([AoBinary.FromString("x")]))),
                     Message.Of((id, "x")),
                     Message.Of(("ao-types", "a=\"integer\"")),
                     Message.Of(("content-digest", "x")),
                     Message.Of(("signature", "x")),
                     Message.Of(("a b", "x")),
                 })
        {
            Assert.Null(FlatMessageSignatureBase.TryBuild(message));
        }
    }

    [Fact]
    public void The_unsigned_id_of_a_flat_message_is_the_one_the_encodings_give()
    {
        var message = Message.Of(("type", "Message"), ("phase", "load"), ("client", 3), ("n", 41), ("path", "compute"));
        var general = Base64Url.Encode(System.Security.Cryptography.HMACSHA256.HashData("ao"u8, MessageIds.HmacSignatureBase(message)));
        Assert.Equal(general, MessageIds.Unsigned(message));
        Assert.Equal(general, MessageIds.All(Message.Of(("type", "Message"), ("phase", "load"), ("client", 3), ("n", 41), ("path", "compute"))));
    }

    [Fact]
    public void Unsigned_ids_computed_one_after_another_on_a_thread_each_match_the_encodings()
    {
        // The flat base is written into a buffer the thread keeps: a long base (which drops it), then shorter ones,
        // must not leave anything of an earlier base behind.
        Message[] messages =
        [
            Message.Of(("a", new string('x', 4000)), ("b", new string('y', 4000))),
            Message.Of(("type", "Message"), ("n", 1), ("note", "a somewhat longer value than the next")),
            Message.Of(("type", "Message"), ("n", 2)),
            Message.Of(("n", 3)),
            Message.Of(("a", new string('z', 1000)), ("b", "short")),
            Message.Of(("n", 3)),
        ];
        foreach (var message in messages)
        {
            var general = Base64Url.Encode(System.Security.Cryptography.HMACSHA256.HashData("ao"u8, MessageIds.HmacSignatureBase(message)));
            Assert.Equal(general, MessageIds.Unsigned(message));
        }
    }
}
