using System.Text;
using HyperBeam.Core.StructuredFields;
using static HyperBeam.Core.Tests.StructuredFields.Sf;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>RFC 8941 section 4.1 serialization rules and the errors for values that have no valid form.</summary>
public class SerializerTests
{
    [Theory]
    [InlineData("0", "0.0")]
    [InlineData("10", "10.0")]
    [InlineData("2.5", "2.5")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.01", "0.01")]
    [InlineData("0.001", "0.001")]
    [InlineData("100.100", "100.1")]
    [InlineData("1.23456", "1.235")]
    [InlineData("0.0005", "0.0")]
    [InlineData("0.0015", "0.002")]
    [InlineData("0.0025", "0.002")]
    [InlineData("0.00251", "0.003")]
    [InlineData("-0.0025", "-0.002")]
    [InlineData("-0.0004", "0.0")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("0.9995", "1.0")]
    [InlineData("999999999999.999", "999999999999.999")]
    [InlineData("999999999999.9994", "999999999999.999")]
    [InlineData("-999999999999.999", "-999999999999.999")]
    public void Decimals_round_half_even_to_three_digits_and_keep_one_fraction_digit(string value, string expected)
    {
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, StructuredFieldSerializer.SerializeBareItem(Dec(number)));
    }

    [Theory]
    [InlineData("1000000000000")]
    [InlineData("-1000000000000")]
    [InlineData("999999999999.9995")]
    [InlineData("79228162514264337593543950335")]
    public void Decimals_with_more_than_twelve_integer_digits_are_rejected(string value)
    {
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeBareItem(Dec(number)));
    }

    [Theory]
    [InlineData(1_000_000_000_000_000)]
    [InlineData(-1_000_000_000_000_000)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Integers_and_dates_outside_fifteen_digits_are_rejected(long value)
    {
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeBareItem(Int(value)));
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeBareItem(new SfDate(value)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("a b")]
    [InlineData("a\"b")]
    [InlineData("\u00e9")]
    [InlineData("a,b")]
    public void Invalid_tokens_are_rejected(string token) =>
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeBareItem(Tok(token)));

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a=b")]
    [InlineData("\u00e9")]
    [InlineData("1a")]
    [InlineData("%a")]
    public void Invalid_parameter_keys_are_rejected(string key) =>
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeItem(Item(Int(1), (key, Int(2)))));

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData(".a")]
    [InlineData("a,b")]
    [InlineData("\u00e9")]
    public void Invalid_dictionary_keys_are_rejected(string key) =>
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeDictionary(Dict((key, Item(Int(1))))));

    [Theory]
    [InlineData("f\u00fc\u00fc", "%\"f%c3%bc%c3%bc\"")]
    [InlineData("100%", "%\"100%25\"")]
    [InlineData("say \"hi\"", "%\"say %22hi%22\"")]
    [InlineData("a\\b", "%\"a\\b\"")]
    [InlineData("line\nnext\u007f", "%\"line%0anext%7f\"")]
    [InlineData("\U0001F600", "%\"%f0%9f%98%80\"")]
    [InlineData("", "%\"\"")]
    public void Display_strings_percent_encode_utf8_in_lowercase(string value, string expected)
    {
        Assert.Equal(expected, StructuredFieldSerializer.SerializeBareItem(new SfDisplayString(value)));
        Assert.Equal(new SfDisplayString(value), StructuredFieldParser.ParseItem(expected).Value);
    }

    [Fact]
    public void Display_string_with_an_unpaired_surrogate_is_rejected()
    {
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeBareItem(new SfDisplayString("a\ud800b")));
    }

    [Fact]
    public void Byte_sequences_of_any_size_round_trip()
    {
        foreach (var size in new[] { 0, 1, 2, 3, 383, 384, 385, 10_000 })
        {
            var bytes = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
            var text = StructuredFieldSerializer.SerializeBareItem(new SfByteSequence(bytes));

            Assert.Equal($":{Convert.ToBase64String(bytes)}:", text);
            Assert.Equal(new SfByteSequence(bytes), StructuredFieldParser.ParseItem(text).Value);
        }
    }

    [Fact]
    public void StringBuilder_overloads_append_and_undo_partial_output_on_failure()
    {
        var output = new StringBuilder("Signature-Input: ");

        var signatureInput = Dict(("sig1", Inner([Item(Str("@method"))], ("created", Int(1)))));
        StructuredFieldSerializer.SerializeDictionary(signatureInput, output);
        Assert.Equal("Signature-Input: sig1=(\"@method\");created=1", output.ToString());

        var before = output.ToString();
        Assert.Throws<StructuredFieldException>(() =>
            StructuredFieldSerializer.SerializeList([Item(Int(1)), Item(Tok("bad token"))], output));
        Assert.Equal(before, output.ToString());

        Assert.Same(output, StructuredFieldSerializer.SerializeItem(Item(Int(2)), output.Append(", ")));
        Assert.Same(output, StructuredFieldSerializer.SerializeBareItem(Tok("t"), output.Append(", ")));
        Assert.Same(output, StructuredFieldSerializer.SerializeParameters(Params(("x", Bool(true))), output));
        Assert.EndsWith(", 2, t;x", output.ToString());
    }

    [Fact]
    public void Members_and_parameters_serialize_on_their_own()
    {
        var innerList = Inner([Item(Int(1)), Item(Tok("a"))], ("q", Dec(0.5m)));
        var parameters = Params(("a", Bool(true)), ("b", Bool(false)), ("c", new SfByteSequence([1, 2])));

        Assert.Equal("(1 a);q=0.5", StructuredFieldSerializer.SerializeMember(innerList));
        Assert.Equal(";a;b=?0;c=:AQI=:", StructuredFieldSerializer.SerializeParameters(parameters));
        Assert.Equal("", StructuredFieldSerializer.SerializeParameters(SfParameters.Empty));
    }

    [Fact]
    public void Lists_need_not_be_indexable()
    {
        static IEnumerable<SfMember> Members()
        {
            yield return Item(Int(1));
            yield return Inner();
        }

        Assert.Equal("1, ()", StructuredFieldSerializer.SerializeList(Members()));
    }

    [Fact]
    public void Unknown_bare_item_and_member_types_are_rejected()
    {
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeBareItem(new ForeignBareItem()));
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeList([new ForeignMember()]));
        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeList([null!]));
    }

    private sealed record ForeignBareItem : SfBareItem;

    private sealed record ForeignMember() : SfMember(SfParameters.Empty);
}
