using HyperBeam.Core.StructuredFields;
using static HyperBeam.Core.Tests.StructuredFields.Sf;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>The example field values of RFC 8941 sections 2-4 and RFC 9651 sections 3.3.7-3.3.8.</summary>
public class RfcExampleTests
{
    [Fact]
    public void List_of_tokens()
    {
        var list = StructuredFieldParser.ParseList("sugar, tea, rum");

        Assert.Equal(List(Item(Tok("sugar")), Item(Tok("tea")), Item(Tok("rum"))), list);
        Assert.Equal("sugar, tea, rum", StructuredFieldSerializer.SerializeList(list));
    }

    [Fact]
    public void List_split_over_field_lines_parses_once_joined_with_a_comma()
    {
        // RFC 8941 3.1: "Example-List: sugar, tea" + "Example-List: rum" combine to one value.
        var list = StructuredFieldParser.ParseList("sugar, tea" + ", " + "rum");

        Assert.Equal(3, list.Count);
    }

    [Fact]
    public void Inner_lists_of_strings()
    {
        var list = StructuredFieldParser.ParseList("(\"foo\" \"bar\"), (\"baz\"), (\"bat\" \"one\"), ()");

        Assert.Equal(
            List(
                Inner(Item(Str("foo")), Item(Str("bar"))),
                Inner(Item(Str("baz"))),
                Inner(Item(Str("bat")), Item(Str("one"))),
                Inner()),
            list);
    }

    [Fact]
    public void Inner_lists_with_parameters_at_both_levels()
    {
        var list = StructuredFieldParser.ParseList("(\"foo\"; a=1;b=2);lvl=5, (\"bar\" \"baz\");lvl=1");

        Assert.Equal(
            List(
                Inner([Item(Str("foo"), ("a", Int(1)), ("b", Int(2)))], ("lvl", Int(5))),
                Inner([Item(Str("bar")), Item(Str("baz"))], ("lvl", Int(1)))),
            list);
        Assert.Equal("(\"foo\";a=1;b=2);lvl=5, (\"bar\" \"baz\");lvl=1", StructuredFieldSerializer.SerializeList(list));
    }

    [Fact]
    public void Parameters_on_items_and_inner_lists()
    {
        var list = StructuredFieldParser.ParseList("abc;a=1;b=2; cde_456, (ghi;jk=4 l);q=\"9\";r=w");

        Assert.Equal(
            List(
                Item(Tok("abc"), ("a", Int(1)), ("b", Int(2)), ("cde_456", Bool(true))),
                Inner([Item(Tok("ghi"), ("jk", Int(4))), Item(Tok("l"))], ("q", Str("9")), ("r", Tok("w")))),
            list);
        Assert.Equal("abc;a=1;b=2;cde_456, (ghi;jk=4 l);q=\"9\";r=w", StructuredFieldSerializer.SerializeList(list));
    }

    [Fact]
    public void Integer_with_boolean_parameters()
    {
        var item = StructuredFieldParser.ParseItem("1; a; b=?0");

        Assert.Equal(Item(Int(1), ("a", Bool(true)), ("b", Bool(false))), item);
        Assert.Equal("1;a;b=?0", StructuredFieldSerializer.SerializeItem(item));
    }

    [Fact]
    public void Dictionary_of_string_and_byte_sequence()
    {
        var dictionary = StructuredFieldParser.ParseDictionary("en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:");

        Assert.Equal(Dict(("en", Item(Str("Applepie"))), ("da", Item(Bin("w4ZibGV0w6ZydGU=")))), dictionary);
        var danish = (SfByteSequence)((SfItem)dictionary["da"]).Value;
        Assert.Equal("Æbletærte", System.Text.Encoding.UTF8.GetString(danish.Value));
    }

    [Fact]
    public void Dictionary_with_bare_keys_meaning_true()
    {
        var dictionary = StructuredFieldParser.ParseDictionary("a=?0, b, c; foo=bar");

        Assert.Equal(
            Dict(("a", Item(Bool(false))), ("b", Item(Bool(true))), ("c", Item(Bool(true), ("foo", Tok("bar"))))),
            dictionary);
        Assert.Equal("a=?0, b, c;foo=bar", StructuredFieldSerializer.SerializeDictionary(dictionary));
    }

    [Fact]
    public void Dictionary_with_decimal_and_inner_list()
    {
        var dictionary = StructuredFieldParser.ParseDictionary("rating=1.5, feelings=(joy sadness)");

        Assert.Equal(
            Dict(("rating", Item(Dec(1.5m))), ("feelings", Inner(Item(Tok("joy")), Item(Tok("sadness"))))),
            dictionary);
    }

    [Fact]
    public void Dictionary_mixing_items_and_inner_lists_with_parameters()
    {
        var dictionary = StructuredFieldParser.ParseDictionary("a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid");

        Assert.Equal(
            Dict(
                ("a", Inner(Item(Int(1)), Item(Int(2)))),
                ("b", Item(Int(3))),
                ("c", Item(Int(4), ("aa", Tok("bb")))),
                ("d", Inner([Item(Int(5)), Item(Int(6))], ("valid", Bool(true))))),
            dictionary);
    }

    [Fact]
    public void Item_with_parameter_from_section_2()
    {
        var item = StructuredFieldParser.ParseItem("2; foourl=\"https://foo.example.com/\"");

        Assert.Equal(Item(Int(2), ("foourl", Str("https://foo.example.com/"))), item);
        Assert.Equal("2;foourl=\"https://foo.example.com/\"", StructuredFieldSerializer.SerializeItem(item));
    }

    [Theory]
    [InlineData("5", "5")]
    [InlineData("5; foo=bar", "5;foo=bar")]
    [InlineData("42", "42")]
    [InlineData("-42", "-42")]
    [InlineData("999999999999999", "999999999999999")]
    [InlineData("-999999999999999", "-999999999999999")]
    [InlineData("-0", "0")]
    [InlineData("007", "7")]
    [InlineData("4.5", "4.5")]
    [InlineData("1.50", "1.5")]
    [InlineData("1.000", "1.0")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("-0.0", "0.0")]
    [InlineData("123456789012.123", "123456789012.123")]
    [InlineData("\"hello world\"", "\"hello world\"")]
    [InlineData("\"\"", "\"\"")]
    [InlineData("\"say \\\"hi\\\" \\\\o/\"", "\"say \\\"hi\\\" \\\\o/\"")]
    [InlineData("foo123/456", "foo123/456")]
    [InlineData("*foo:bar!#$%&'*+-.^_`|~", "*foo:bar!#$%&'*+-.^_`|~")]
    [InlineData(":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:", ":cHJldGVuZCB0aGlzIGlzIGJpbmFyeSBjb250ZW50Lg==:")]
    [InlineData("::", "::")]
    [InlineData(":aGVsbG8:", ":aGVsbG8=:")]
    [InlineData("?1", "?1")]
    [InlineData("?0", "?0")]
    [InlineData("@1659578233", "@1659578233")]
    [InlineData("@-62135596800", "@-62135596800")]
    [InlineData("%\"This is intended for display to %c3%bc%c3%bcsers.\"", "%\"This is intended for display to %c3%bc%c3%bcsers.\"")]
    [InlineData("%\"f%c3%bc%c3%bc\"", "%\"f%c3%bc%c3%bc\"")]
    [InlineData("%\"\"", "%\"\"")]
    [InlineData("   42   ", "42")]
    [InlineData("a;b;c=1;b=?0", "a;b=?0;c=1")]
    public void Items_reserialize_to_canonical_form(string input, string canonical)
    {
        var item = StructuredFieldParser.ParseItem(input);

        Assert.Equal(canonical, StructuredFieldSerializer.SerializeItem(item));
        Assert.Equal(item, StructuredFieldParser.ParseItem(canonical));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData("1,2", "1, 2")]
    [InlineData("1 ,\t 2 \t, 3", "1, 2, 3")]
    [InlineData("(  1   2  );a=1, ( )", "(1 2);a=1, ()")]
    [InlineData("(1;a=\"x\" 2;b);c", "(1;a=\"x\" 2;b);c")]
    public void Lists_reserialize_to_canonical_form(string input, string canonical)
    {
        var list = StructuredFieldParser.ParseList(input);

        Assert.Equal(canonical, StructuredFieldSerializer.SerializeList(list));
        Assert.Equal(list, StructuredFieldParser.ParseList(canonical));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:", "en=\"Applepie\", da=:w4ZibGV0w6ZydGU=:")]
    [InlineData("rating=1.5, feelings=(joy sadness)", "rating=1.5, feelings=(joy sadness)")]
    [InlineData("a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid", "a=(1 2), b=3, c=4;aa=bb, d=(5 6);valid")]
    [InlineData("foo=1, bar=2", "foo=1, bar=2")]
    [InlineData("a=1,b=2", "a=1, b=2")]
    [InlineData("a=1 ,\tb=2", "a=1, b=2")]
    [InlineData("a=1, b=2, a=3", "a=3, b=2")]
    [InlineData("a=?1;x, b=?1", "a;x, b")]
    [InlineData("a=@1659578233, b=%\"x\"", "a=@1659578233, b=%\"x\"")]
    public void Dictionaries_reserialize_to_canonical_form(string input, string canonical)
    {
        var dictionary = StructuredFieldParser.ParseDictionary(input);

        Assert.Equal(canonical, StructuredFieldSerializer.SerializeDictionary(dictionary));
        Assert.Equal(dictionary, StructuredFieldParser.ParseDictionary(canonical));
    }

    [Fact]
    public void Date_and_display_string_parse_to_their_types()
    {
        Assert.Equal(new SfDate(1659578233), StructuredFieldParser.ParseItem("@1659578233").Value);
        Assert.Equal(
            new SfDisplayString("This is intended for display to üüsers."),
            StructuredFieldParser.ParseItem("%\"This is intended for display to %c3%bc%c3%bcsers.\"").Value);
    }

    [Fact]
    public void Duplicate_dictionary_key_keeps_first_position_with_last_value()
    {
        var dictionary = StructuredFieldParser.ParseDictionary("a=1, b=2, a=3");

        Assert.Equal(["a", "b"], dictionary.Select(m => m.Key));
        Assert.Equal(Item(Int(3)), dictionary["a"]);
    }
}
