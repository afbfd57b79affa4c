using System.Globalization;
using System.Text.Json.Nodes;
using HyperBeam.Core.StructuredFields;
using static HyperBeam.Core.Tests.StructuredFields.Sf;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>
/// vectors.sf_to: HyperBEAM's to_dictionary/to_list turn plain Erlang values into structured fields
/// (atom -> token, true/false -> boolean, binary -> string, integer -> integer). We build the same
/// structures by hand, check they match the vector's input, and check our serialized bytes.
/// </summary>
public class HyperBeamConstructionTests
{
    [Fact]
    public void To_dictionary_of_integer_string_and_atoms()
    {
        var vector = Vector("to_dictionary", isError: false);

        // HyperBEAM folds the key-sorted map by prepending, so members come out in reverse key order.
        var dictionary = Dict(
            ("e", Item(Tok("tok"))),
            ("d", Item(Bool(true))),
            ("b", Item(Str("str"))),
            ("a", Item(Int(1))));

        Assert.Equal(FromPlainMap(vector.Input), dictionary);
        Assert.Equal("e=tok, d=?1, b=\"str\", a=1", vector.Output.GetValue<string>());
        Assert.Equal(vector.Output.GetValue<string>(), HyperBeamForm(dictionary));
        Assert.Equal("e=tok, d, b=\"str\", a=1", StructuredFieldSerializer.SerializeDictionary(dictionary));
    }

    [Fact]
    public void To_list_of_integer_string_and_false()
    {
        var vector = SfToVectors().Single(v => v.Fn.StartsWith("hb_structured_fields:to_list", StringComparison.Ordinal)
            && !v.IsError && v.Input.AsArray().Count > 0);

        var list = List(Item(Int(1)), Item(Str("two")), Item(Bool(false)));

        Assert.Equal(FromPlainList(vector.Input), list);
        Assert.Equal(vector.Output.GetValue<string>(), StructuredFieldSerializer.SerializeList(list));
    }

    [Fact]
    public void To_list_of_nothing_is_the_empty_string()
    {
        var vector = SfToVectors().Single(v => !v.IsError && v.Input is JsonArray { Count: 0 });

        Assert.Equal("", vector.Output.GetValue<string>());
        Assert.Equal("", StructuredFieldSerializer.SerializeList([]));
    }

    /// <summary>
    /// HyperBEAM cannot serialize a float here: to_bare_item wraps it as {decimal, {2.5, 0}} and
    /// bare_item/1 then calls integer_to_binary(2.5), raising badarg. An explicit SfDecimal has no such
    /// problem, so we assert what we produce instead.
    /// </summary>
    [Fact]
    public void To_dictionary_with_a_float_fails_in_HyperBEAM_but_our_decimal_serializes()
    {
        var vector = Vector("to_dictionary", isError: true);
        Assert.Equal("badarg", vector.Output["error"]!["@tuple"]![1]!["@atom"]!.GetValue<string>());

        var dictionary = Dict(
            ("d", Item(Bool(true))),
            ("c", Item(Dec(2.5m))),
            ("b", Item(Str("str"))),
            ("a", Item(Int(1))));

        Assert.Equal(FromPlainMap(vector.Input), dictionary);
        Assert.Equal("d=?1, c=2.5, b=\"str\", a=1", HyperBeamForm(dictionary));
    }

    /// <summary>Same float limitation as above, through to_list (3.5 raises badarg in HyperBEAM).</summary>
    [Fact]
    public void To_list_with_a_float_fails_in_HyperBEAM_but_our_decimal_serializes()
    {
        var vector = Vector("to_list", isError: true);
        Assert.Equal("badarg", vector.Output["error"]!["@tuple"]![1]!["@atom"]!.GetValue<string>());

        var list = List(Item(Int(1)), Item(Str("two")), Item(Dec(3.5m)));

        Assert.Equal(FromPlainList(vector.Input), list);
        Assert.Equal("1, \"two\", 3.5", StructuredFieldSerializer.SerializeList(list));
    }

    [Fact]
    public void Every_sf_to_vector_is_covered_above()
    {
        Assert.Equal(5, SfToVectors().Count);
    }

    private static string HyperBeamForm(SfDictionary dictionary) =>
        StructuredFieldSerializer.SerializeDictionary(dictionary, StructuredFieldDialect.HyperBeam);

    private static IReadOnlyList<SfToVector> SfToVectors() => StructuredVectors.SfTo;

    private static SfToVector Vector(string function, bool isError) =>
        SfToVectors().Single(v => v.Fn.StartsWith($"hb_structured_fields:{function}/", StringComparison.Ordinal)
            && v.IsError == isError
            && (v.Input is not JsonArray array || array.Count > 0));

    /// <summary>The map in reverse key order, as to_dictionary emits it.</summary>
    private static SfDictionary FromPlainMap(JsonNode map) =>
        new(map.AsObject()
            .OrderByDescending(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, (SfMember)new SfItem(FromPlainValue(p.Value!)))));

    private static SfMember[] FromPlainList(JsonNode list) =>
        list.AsArray().Select(v => (SfMember)new SfItem(FromPlainValue(v!))).ToArray();

    private static SfBareItem FromPlainValue(JsonNode value)
    {
        if (value is JsonValue text)
        {
            return new SfString(text.GetValue<string>());
        }

        var typed = value.AsObject().Single();
        var literal = typed.Value!.GetValue<string>();
        return typed.Key switch
        {
            "@int" => new SfInteger(long.Parse(literal, CultureInfo.InvariantCulture)),
            "@float" => new SfDecimal(decimal.Parse(literal, CultureInfo.InvariantCulture)),
            "@atom" when literal is "true" or "false" => new SfBoolean(literal == "true"),
            "@atom" => new SfToken(literal),
            _ => throw new InvalidOperationException($"unexpected plain value {value.ToJsonString()}"),
        };
    }
}
