using HyperBeam.Core.StructuredFields;
using static HyperBeam.Core.Tests.StructuredFields.Sf;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>Where we follow HyperBEAM rather than the letter of RFC 8941, on purpose.</summary>
public class HyperBeamQuirkTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("f\u00fc\u00fc \u20ac \U0001F600", "\"f\u00fc\u00fc \u20ac \U0001F600\"")]
    [InlineData("tab\there\nnul\0del\u007f", "\"tab\there\nnul\0del\u007f\"")]
    public void String_serialization_escapes_only_backslash_and_quote(string value, string expected)
    {
        // HyperBEAM's escape_string/2 passes every other byte through, and message IDs hash those bytes.
        Assert.Equal(expected, StructuredFieldSerializer.SerializeBareItem(new SfString(value)));
    }

    [Fact]
    public void String_parsing_accepts_non_ascii_so_HyperBEAM_output_round_trips()
    {
        // Leniency: RFC 8941 only allows 0x20-0x7E in strings; we also accept every char >= 0x80.
        const string value = "gr\u00fc\u00dfe \u65e5\u672c \U0001F600";
        var serialized = StructuredFieldSerializer.SerializeItem(Item(Str(value)));

        Assert.Equal(Item(Str(value)), StructuredFieldParser.ParseItem(serialized));
        Assert.Equal(Item(Str("\u0080\uffff")), StructuredFieldParser.ParseItem("\"\u0080\uffff\""));
    }

    [Fact]
    public void String_parsing_still_rejects_control_characters_and_DEL()
    {
        Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseItem("\"a\nb\""));
        Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseItem("\"a\u007fb\""));
    }

    [Theory]
    [InlineData("Ao-Ids=\"x\", lower=1", "Ao-Ids")]
    [InlineData("ID=1", "ID")]
    [InlineData("*Star=1", "*Star")]
    public void Dictionary_keys_may_contain_uppercase_and_are_kept_as_is(string field, string key)
    {
        var dictionary = StructuredFieldParser.ParseDictionary(field);

        Assert.True(dictionary.ContainsKey(key));
        Assert.False(dictionary.ContainsKey(key.ToLowerInvariant()));
        Assert.Equal(field, StructuredFieldSerializer.SerializeDictionary(dictionary));
    }

    [Fact]
    public void Dictionary_keys_may_start_like_HyperBEAM_keys_do()
    {
        // HyperBEAM's parse_dictionary also starts keys with a digit, '%', '_' or '-'; ao-types
        // dictionaries for lists are keyed by position, e.g. 1="list".
        const string field = "1=\"list\", 2=\"list\", %7e=1, _a=2, -b=3";
        var dictionary = StructuredFieldParser.ParseDictionary(field);

        Assert.Equal(["1", "2", "%7e", "_a", "-b"], dictionary.Select(m => m.Key));
        Assert.Equal(field, StructuredFieldSerializer.SerializeDictionary(dictionary));
    }

    [Fact]
    public void Parameter_keys_may_contain_uppercase_but_not_start_with_a_digit()
    {
        var item = StructuredFieldParser.ParseItem("1;Alg=\"x\";KeyID");

        Assert.Equal(Item(Int(1), ("Alg", Str("x")), ("KeyID", Bool(true))), item);
        Assert.Equal("1;Alg=\"x\";KeyID", StructuredFieldSerializer.SerializeItem(item));
        Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseItem("1;2x=1"));
    }

    [Fact]
    public void Dictionary_true_members_are_bare_keys_in_RFC_dialect_and_explicit_in_HyperBEAM_dialect()
    {
        var dictionary = StructuredFieldParser.ParseDictionary("a, b=?1;p, c=(1)");

        Assert.Equal("a, b;p, c=(1)", StructuredFieldSerializer.SerializeDictionary(dictionary));
        Assert.Equal(
            "a=?1, b=?1;p, c=(1)",
            StructuredFieldSerializer.SerializeDictionary(dictionary, StructuredFieldDialect.HyperBeam));
        Assert.Equal(dictionary, StructuredFieldParser.ParseDictionary("a=?1, b=?1;p, c=(1)"));
    }

    [Fact]
    public void Missing_base64_padding_is_synthesized()
    {
        Assert.Equal(Item(Bin("aGVsbG8=")), StructuredFieldParser.ParseItem(":aGVsbG8:"));
        Assert.Equal(Item(Bin("aGk=")), StructuredFieldParser.ParseItem(":aGk:"));
    }
}
