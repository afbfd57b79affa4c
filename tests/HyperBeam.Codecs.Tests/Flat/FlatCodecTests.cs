using System.Text;
using HyperBeam.Codecs.Flat;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.Flat;

/// <summary>flat@1.0 behaviour beyond the vectors: HyperBEAM's path rules, and where we refuse what it would lose.</summary>
public class FlatCodecTests
{
    [Theory]
    [InlineData("a", "a/b")]
    [InlineData("a/b", "a")]
    [InlineData("a/b", "a/b/c")]
    public void From_refuses_a_path_that_collides_with_another_paths_value_in_either_order(string first, string second)
    {
        // HyperBEAM throws too: path_collision one way round, badmap the other.
        var flat = new Dictionary<string, AoBinary> { [first] = Bin("1"), [second] = Bin("2") };
        var error = Assert.Throws<CodecException>(() => FlatCodec.From(flat));
        Assert.Contains("collides", error.Message);
    }

    [Theory]
    [InlineData("a/b", "a//b")]
    [InlineData("a/b", "A/b")]
    [InlineData("x", "/x/")]
    public void From_refuses_two_spellings_of_one_path(string first, string second)
    {
        var flat = new Dictionary<string, AoBinary> { [first] = Bin("1"), [second] = Bin("1") };
        Assert.Throws<CodecException>(() => FlatCodec.From(flat));
    }

    [Fact]
    public void From_ignores_empty_path_segments_as_hyperbeam()
    {
        var tabm = FlatCodec.From(new Dictionary<string, AoBinary> { ["/a//b/"] = Bin("v") });
        Assert.Equal(Message.Of(("a", Message.Of(("b", "v")))), tabm);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("///")]
    public void From_refuses_a_key_that_names_no_path(string key)
    {
        // HyperBEAM crashes with function_clause on these.
        var error = Assert.Throws<CodecException>(() => FlatCodec.From(new Dictionary<string, AoBinary> { [key] = Bin("v") }));
        Assert.Contains("names no path", error.Message);
    }

    [Theory]
    [InlineData("priv/x")]
    [InlineData("a/priv-y")]
    [InlineData("priv_z")]
    public void From_refuses_private_keys(string key)
    {
        var error = Assert.Throws<CodecException>(() => FlatCodec.From(new Dictionary<string, AoBinary> { [key] = Bin("v") }));
        Assert.Contains("private", error.Message);
    }

    [Fact]
    public void From_accepts_64_levels_and_refuses_65()
    {
        FlatCodec.From(new Dictionary<string, AoBinary> { [Path(64)] = Bin("v") });
        var error = Assert.Throws<CodecException>(() => FlatCodec.From(new Dictionary<string, AoBinary> { [Path(65)] = Bin("v") }));
        Assert.Contains("deeper than 64", error.Message);
    }

    [Fact]
    public void To_drops_an_empty_nested_message_as_hyperbeam()
    {
        var flat = FlatCodec.To(Message.Of(("a", Message.Empty), ("b", Message.Of(("c", Message.Empty), ("d", "1")))));
        Assert.Equal(["b/d"], flat.Keys);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("")]
    public void To_refuses_a_key_it_would_fold_into_the_path(string key)
    {
        Assert.Throws<CodecException>(() => FlatCodec.To(Message.Of(("x", Message.Of((key, "v"))))));
    }

    [Fact]
    public void To_refuses_a_rich_value_since_it_takes_a_tabm()
    {
        var error = Assert.Throws<CodecException>(() => FlatCodec.To(Message.Of(("n", 1))));
        Assert.Contains("integer", error.Message);
    }

    [Fact]
    public void To_accepts_64_levels_and_refuses_65()
    {
        Assert.Single(FlatCodec.To(Nested(64)));
        Assert.Throws<CodecException>(() => FlatCodec.To(Nested(65)));
    }

    [Fact]
    public void Serialize_writes_lines_in_byte_order_of_the_keys()
    {
        var flat = new Dictionary<string, AoBinary> { ["ä"] = Bin("4"), ["b"] = Bin("3"), ["a/c"] = Bin("2"), ["a-b"] = Bin("1") };
        Assert.Equal("a-b: 1\na/c: 2\nb: 3\nä: 4\n", Text(FlatCodec.Serialize(flat)));
    }

    [Fact]
    public void Serialize_writes_the_canonical_spelling_of_a_path()
    {
        Assert.Equal("a/b: v\n", Text(FlatCodec.Serialize(new Dictionary<string, AoBinary> { ["/a//b/"] = Bin("v") })));
    }

    [Fact]
    public void Encode_refuses_a_newline_in_a_value_where_hyperbeam_would_write_an_extra_key()
    {
        // HyperBEAM writes "a: x\ny: z\n", which reads back with a key y the message never had.
        var error = Assert.Throws<CodecException>(() => FlatCodec.Encode(Message.Of(("a", "x\ny: z"))));
        Assert.Contains("newline", error.Message);
    }

    [Fact]
    public void Serialize_refuses_a_newline_in_a_key()
    {
        Assert.Throws<CodecException>(() => FlatCodec.Serialize(new Dictionary<string, AoBinary> { ["a\nb"] = Bin("v") }));
    }

    [Fact]
    public void Encode_refuses_a_float_that_is_not_finite()
    {
        Assert.Throws<CodecException>(() => FlatCodec.Encode(Message.Of(("f", double.NaN))));
    }

    [Theory]
    [InlineData("a: b\ngarbage\n", "no ': '")]
    [InlineData("a:b", "no ': '")]
    [InlineData("a: b\na: c\n", "repeats")]
    [InlineData("k: a: b\n", "more than once")]
    public void Deserialize_refuses_lines_hyperbeam_would_silently_skip_or_overwrite(string text, string expected)
    {
        var error = Assert.Throws<CodecException>(() => FlatCodec.Deserialize(Bytes(text)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Deserialize_skips_blank_lines()
    {
        Assert.Equal(Message.Of(("a", "b"), ("c", "d")), FlatCodec.Decode(Bytes("\n\na: b\n\nc: d\n\n")));
    }

    [Fact]
    public void Deserialize_splits_on_the_first_colon_space_only_so_colons_elsewhere_are_data()
    {
        var flat = FlatCodec.Deserialize(Bytes("a:: b:\nc: :d\n"));
        Assert.Equal("b:", flat["a:"].Text);
        Assert.Equal(":d", flat["c"].Text);
    }

    [Fact]
    public void Deserialize_keeps_a_carriage_return_as_data_as_hyperbeam()
    {
        Assert.Equal("b\r", FlatCodec.Deserialize(Bytes("a: b\r\n"))["a"].Text);
    }

    [Fact]
    public void Deserialize_refuses_a_key_that_is_not_utf8()
    {
        Assert.Throws<CodecException>(() => FlatCodec.Deserialize([0xFF, (byte)':', (byte)' ', (byte)'v']));
    }

    [Fact]
    public void Decode_accepts_a_value_that_is_not_utf8()
    {
        var message = FlatCodec.Decode([(byte)'k', (byte)':', (byte)' ', 0xFF, 0x00, 0xC3]);
        Assert.Equal(new AoBinary([0xFF, 0x00, 0xC3]), message["k"]);
    }

    [Fact]
    public void Decode_reads_a_single_line_without_newline_as_hyperbeams_binary_passthrough_test()
    {
        Assert.Equal(Message.Of(("raw", "binary")), FlatCodec.Decode(Bytes("raw: binary")));
    }

    [Fact]
    public void Decode_lowercases_keys_as_messages_do()
    {
        Assert.Equal(Message.Of(("key", Message.Of(("inner", "v")))), FlatCodec.Decode(Bytes("Key/Inner: v\n")));
    }

    private static AoBinary Bin(string text) => AoBinary.FromString(text);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static string Path(int segments) => string.Join('/', Enumerable.Repeat("k", segments));

    /// <summary>A TABM <paramref name="levels"/> messages deep, one binary at the bottom.</summary>
    private static Message Nested(int levels)
    {
        var message = Message.Of(("leaf", "v"));
        for (var i = 1; i < levels; i++) message = Message.Of(("k", message));
        return message;
    }
}
