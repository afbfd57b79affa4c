using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>Invalid field values: each must raise <see cref="StructuredFieldException"/> and nothing else.</summary>
public class ParserFailureTests
{
    [Theory]
    [InlineData("", "expected a bare item")]
    [InlineData("   ", "expected a bare item")]
    [InlineData("\t1", "expected a bare item")]
    [InlineData("1.2345", "at most 3 fraction digits")]
    [InlineData("1234567890123456", "at most 15 digits")]
    [InlineData("-1234567890123456", "at most 15 digits")]
    [InlineData("1234567890123.5", "at most 12 integer digits")]
    [InlineData("123456789012.1234", "at most 15 digits")]
    [InlineData("1.", "a digit after the decimal point")]
    [InlineData("1.2.3", "end of input after the item")]
    [InlineData("-", "a digit after '-'")]
    [InlineData("--1", "a digit after '-'")]
    [InlineData("-a", "a digit after '-'")]
    [InlineData("\"abc", "unterminated string")]
    [InlineData("\"abc\\", "after '\\'")]
    [InlineData("\"a\\q\"", "after '\\'")]
    [InlineData("\"a\u0001\"", "cannot contain U+0001")]
    [InlineData("\"tab\there\"", "cannot contain U+0009")]
    [InlineData("\"del\u007f\"", "cannot contain U+007F")]
    [InlineData(":aGVsbG8*:", "base64 character")]
    [InlineData(":aGVs bG8=:", "base64 character")]
    [InlineData(":aGVsbG8=", "unterminated byte sequence")]
    [InlineData(":a:", "invalid base64")]
    [InlineData(":a=GVsbG8=:", "invalid base64")]
    [InlineData("?", "'0' or '1'")]
    [InlineData("?2", "'0' or '1'")]
    [InlineData("?true", "'0' or '1'")]
    [InlineData("@", "a digit")]
    [InlineData("@1.5", "a date must be an integer")]
    [InlineData("@1234567890123456", "at most 15 digits")]
    [InlineData("%\"abc", "unterminated display string")]
    [InlineData("%abc", "'\"' after '%'")]
    [InlineData("%\"%C3%BC\"", "lowercase hex")]
    [InlineData("%\"%c\"", "lowercase hex")]
    [InlineData("%\"%c3\"", "valid UTF-8")]
    [InlineData("%\"\u00fc\"", "cannot contain U+00FC")]
    [InlineData("%\"a\tb\"", "cannot contain U+0009")]
    [InlineData("1;", "a parameter key")]
    [InlineData("1;=2", "a parameter key")]
    [InlineData("1;a=", "expected a bare item")]
    [InlineData("1;a=(1)", "expected a bare item")]
    [InlineData("1;9a", "a parameter key")]
    [InlineData("1;a b", "end of input after the item")]
    [InlineData("1 2", "end of input after the item")]
    [InlineData("1,2", "end of input after the item")]
    [InlineData("(1 2)", "expected a bare item")]
    [InlineData("\u00e9t\u00e9", "expected a bare item")]
    [InlineData("#hash", "expected a bare item")]
    public void Invalid_items_are_rejected(string input, string reasonFragment) =>
        AssertRejected(() => StructuredFieldParser.ParseItem(input), reasonFragment);

    [Theory]
    [InlineData("1, 2,", "trailing ','")]
    [InlineData("1,", "trailing ','")]
    [InlineData("1, ", "trailing ','")]
    [InlineData(",1", "expected a bare item")]
    [InlineData("1,,2", "expected a bare item")]
    [InlineData("1 2", "',' between list members")]
    [InlineData("1;a=1 b", "',' between list members")]
    [InlineData("(1 2", "unterminated inner list")]
    [InlineData("(1 2 ", "unterminated inner list")]
    [InlineData("(1,2)", "' ' or ')' after an inner list item")]
    [InlineData("(1 2)a", "',' between list members")]
    [InlineData("((1))", "expected a bare item")]
    [InlineData("(1 \"x)", "unterminated string")]
    public void Invalid_lists_are_rejected(string input, string reasonFragment) =>
        AssertRejected(() => StructuredFieldParser.ParseList(input), reasonFragment);

    [Theory]
    [InlineData("a=1,", "trailing ','")]
    [InlineData("a=1, ", "trailing ','")]
    [InlineData("=1", "a dictionary key")]
    [InlineData("a=1, =2", "a dictionary key")]
    [InlineData("a=1 b=2", "',' between dictionary members")]
    [InlineData("a=", "expected a bare item")]
    [InlineData("a==1", "expected a bare item")]
    [InlineData("a=1;", "a parameter key")]
    [InlineData("a=(1 2", "unterminated inner list")]
    [InlineData("\u00e1=1", "a dictionary key")]
    [InlineData("a b", "',' between dictionary members")]
    [InlineData("a=1,,b=2", "a dictionary key")]
    [InlineData("a:b=1", "',' between dictionary members")]
    public void Invalid_dictionaries_are_rejected(string input, string reasonFragment) =>
        AssertRejected(() => StructuredFieldParser.ParseDictionary(input), reasonFragment);

    [Fact]
    public void Message_names_the_offset_and_what_was_expected()
    {
        var error = Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseList("1, 2, ?x"));

        Assert.Equal(7, error.Offset);
        Assert.Equal("Invalid structured field at offset 7: expected '0' or '1' after '?', found 'x'", error.Message);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void Try_variants_report_the_same_message_without_throwing()
    {
        Assert.False(StructuredFieldParser.TryParseItem("1.2345", out var item, out var itemError));
        Assert.Null(item);
        var thrown = Assert.Throws<StructuredFieldException>(() => StructuredFieldParser.ParseItem("1.2345"));
        Assert.Equal(thrown.Message, itemError);

        // A valid item followed by junk must not leak the partial result.
        Assert.False(StructuredFieldParser.TryParseItem("1 2", out var partial, out _));
        Assert.Null(partial);

        Assert.False(StructuredFieldParser.TryParseList("1,", out var list, out var listError));
        Assert.Null(list);
        Assert.Contains("trailing ','", listError);

        Assert.False(StructuredFieldParser.TryParseDictionary("a=1,", out var dictionary, out var dictionaryError));
        Assert.Null(dictionary);
        Assert.Contains("trailing ','", dictionaryError);

        Assert.False(StructuredFieldParser.TryParseItem(null!, out _, out var nullError));
        Assert.Equal("text is null", nullError);
    }

    [Fact]
    public void Try_variants_return_the_value_on_success()
    {
        Assert.True(StructuredFieldParser.TryParseItem("1", out var item, out var error));
        Assert.Null(error);
        Assert.Equal(new SfItem(new SfInteger(1)), item);

        Assert.True(StructuredFieldParser.TryParseList("1, 2", out var list, out _));
        Assert.Equal(2, list.Count);

        Assert.True(StructuredFieldParser.TryParseDictionary("a", out var dictionary, out _));
        Assert.True(dictionary.ContainsKey("a"));
    }

    private static void AssertRejected(Action parse, string reasonFragment)
    {
        var error = Assert.Throws<StructuredFieldException>(parse);
        Assert.Contains(reasonFragment, error.Reason);
        Assert.InRange(error.Offset, 0, int.MaxValue);
    }
}
