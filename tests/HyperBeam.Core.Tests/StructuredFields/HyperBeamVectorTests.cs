using System.Text.Json.Nodes;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>
/// vectors.sf: every input must parse to the term HyperBEAM's parser produced and serialize to exactly
/// the bytes HyperBEAM's serializer produced.
/// </summary>
public class HyperBeamVectorTests
{
    public static TheoryData<int, string, string> SfVectors()
    {
        var data = new TheoryData<int, string, string>();
        for (var i = 0; i < StructuredVectors.Sf.Count; i++)
        {
            data.Add(i, StructuredVectors.Sf[i].Kind, StructuredVectors.Sf[i].Input);
        }

        return data;
    }

    [Fact]
    public void Vectors_are_present_and_cover_every_kind()
    {
        Assert.Equal(["dictionary", "item", "list"], StructuredVectors.Sf.Select(v => v.Kind).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(SfVectors))]
    public void Sf_vector_parses_like_HyperBEAM_and_reserializes_byte_for_byte(int index, string kind, string input)
    {
        var vector = StructuredVectors.Sf[index];
        Assert.Equal(vector.Input, input);

        var (term, serialized) = kind switch
        {
            "item" => ItemOutcome(
                WithHyperBeamDecimalSignLoss(StructuredFieldParser.ParseItem(input))),
            "list" => ListOutcome(
                StructuredFieldParser.ParseList(input).Select(WithHyperBeamDecimalSignLoss).ToArray()),
            "dictionary" => DictionaryOutcome(
                WithHyperBeamDecimalSignLoss(StructuredFieldParser.ParseDictionary(input))),
            _ => throw new InvalidOperationException($"unknown vector kind {kind}"),
        };

        Assert.True(
            HyperBeamTerm.DeepEquals(vector.Parsed, term),
            $"parsed term differs for {input}\n"
            + $"expected: {vector.Parsed.ToJsonString()}\n"
            + $"actual:   {term.ToJsonString()}");
        Assert.Equal(vector.Reserialized, serialized);
    }

    /// <summary>
    /// The one vector where HyperBEAM is wrong: it reads "-0.5" as 0.5. Its parse_decimal converts the
    /// integer part "-0" with binary_to_integer, which yields 0, so the "mind the sign" branch
    /// (Int &lt; 0) never negates the fraction; its serializer has the same blind spot (-5 div 10 is 0).
    /// Every decimal strictly between -1 and 0 is affected. We keep the sign; the vector test above
    /// applies HyperBEAM's sign loss to our result before comparing.
    /// </summary>
    [Fact]
    public void Negative_decimal_above_minus_one_keeps_its_sign_unlike_HyperBEAM()
    {
        var vector = StructuredVectors.Sf.Single(v => v.Input == "-0.5");
        var item = StructuredFieldParser.ParseItem(vector.Input);

        Assert.Equal(new SfDecimal(-0.5m), item.Value);
        Assert.Equal("-0.5", StructuredFieldSerializer.SerializeItem(item));
        Assert.Equal("0.5", vector.Reserialized);
    }

    private static (JsonNode, string) ItemOutcome(SfItem item) =>
        (HyperBeamTerm.FromItem(item), StructuredFieldSerializer.SerializeItem(item));

    private static (JsonNode, string) ListOutcome(SfMember[] list) =>
        (HyperBeamTerm.FromList(list), StructuredFieldSerializer.SerializeList(list));

    private static (JsonNode, string) DictionaryOutcome(SfDictionary dictionary) =>
        (HyperBeamTerm.FromDictionary(dictionary),
            StructuredFieldSerializer.SerializeDictionary(dictionary, StructuredFieldDialect.HyperBeam));

    private static SfDictionary WithHyperBeamDecimalSignLoss(SfDictionary dictionary) =>
        new(dictionary.Select(m => KeyValuePair.Create(m.Key, WithHyperBeamDecimalSignLoss(m.Value))));

    private static SfMember WithHyperBeamDecimalSignLoss(SfMember member) => member switch
    {
        SfItem item => WithHyperBeamDecimalSignLoss(item),
        SfInnerList inner => inner with
        {
            Items = inner.Items.Select(WithHyperBeamDecimalSignLoss).ToArray(),
            Parameters = WithHyperBeamDecimalSignLoss(inner.Parameters),
        },
        _ => member,
    };

    private static SfItem WithHyperBeamDecimalSignLoss(SfItem item) =>
        new(WithHyperBeamDecimalSignLoss(item.Value), WithHyperBeamDecimalSignLoss(item.Parameters));

    private static SfParameters WithHyperBeamDecimalSignLoss(SfParameters parameters) =>
        new(parameters.Select(p => KeyValuePair.Create(p.Key, WithHyperBeamDecimalSignLoss(p.Value))));

    private static SfBareItem WithHyperBeamDecimalSignLoss(SfBareItem bareItem) =>
        bareItem is SfDecimal { Value: > -1m and < 0m } number ? new SfDecimal(-number.Value) : bareItem;
}
