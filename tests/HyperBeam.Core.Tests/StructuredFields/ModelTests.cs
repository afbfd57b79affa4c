using HyperBeam.Core.StructuredFields;
using static HyperBeam.Core.Tests.StructuredFields.Sf;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>Value semantics of the model: what compares equal, ordering, duplicate keys and lookups.</summary>
public class ModelTests
{
    [Fact]
    public void Byte_sequences_compare_by_content()
    {
        var a = new SfByteSequence([1, 2, 3]);
        var b = new SfByteSequence([1, 2, 3]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new SfByteSequence([1, 2, 4]));
        Assert.NotEqual(a, new SfByteSequence([1, 2]));
        Assert.Equal(new SfByteSequence([]), new SfByteSequence([]));
    }

    [Fact]
    public void Decimals_compare_numerically()
    {
        Assert.Equal(new SfDecimal(1.5m), new SfDecimal(1.50m));
        Assert.Equal(new SfDecimal(1.5m).GetHashCode(), new SfDecimal(1.500m).GetHashCode());
        Assert.NotEqual<SfBareItem>(new SfDecimal(1m), new SfInteger(1));
    }

    [Fact]
    public void Items_with_and_without_explicit_empty_parameters_are_equal()
    {
        Assert.Equal(new SfItem(Int(1)), new SfItem(Int(1), SfParameters.Empty));
        Assert.Equal(new SfItem(Int(1)), new SfItem(Int(1), new SfParameters([])));
        Assert.Same(SfParameters.Empty, (new SfItem(Int(1)) with { Parameters = null! }).Parameters);
    }

    [Fact]
    public void Inner_lists_compare_items_not_collection_references()
    {
        var fromArray = new SfInnerList([Item(Int(1)), Item(Str("x"))], Params(("a", Int(1))));
        var fromList = new SfInnerList(new List<SfItem> { Item(Int(1)), Item(Str("x")) }, Params(("a", Int(1))));

        Assert.Equal(fromArray, fromList);
        Assert.Equal(fromArray.GetHashCode(), fromList.GetHashCode());
        Assert.NotEqual(fromArray, fromList with { Parameters = SfParameters.Empty });
        Assert.NotEqual<SfMember>(fromArray, Item(Int(1), ("a", Int(1))));
        Assert.Contains("Items = [", fromArray.ToString());
    }

    [Fact]
    public void Parameters_are_ordered_and_order_matters_for_equality()
    {
        var ab = Params(("a", Int(1)), ("b", Int(2)));
        var ba = Params(("b", Int(2)), ("a", Int(1)));

        Assert.Equal(["a", "b"], ab.Select(p => p.Key));
        Assert.NotEqual(ab, ba);
        Assert.Equal(ab, Params(("a", Int(1)), ("b", Int(2))));
        Assert.True(ab == Params(("a", Int(1)), ("b", Int(2))));
        Assert.Equal(ab.GetHashCode(), Params(("a", Int(1)), ("b", Int(2))).GetHashCode());
    }

    [Fact]
    public void Repeated_parameter_key_keeps_first_position_and_last_value()
    {
        var parameters = Params(("a", Int(1)), ("b", Int(2)), ("a", Int(3)));

        Assert.Equal(2, parameters.Count);
        Assert.Equal(KeyValuePair.Create("a", (SfBareItem)Int(3)), parameters[0]);
        Assert.Equal(Int(2), parameters["b"]);
    }

    [Fact]
    public void Parameter_lookup_by_key()
    {
        SfParameters parameters = [new("alg", Str("rsa")), new("created", Int(1))];

        Assert.True(parameters.TryGet("alg", out var alg));
        Assert.Equal(Str("rsa"), alg);
        Assert.True(parameters.TryGetValue("created", out _));
        Assert.False(parameters.TryGet("missing", out var missing));
        Assert.Null(missing);
        Assert.Throws<KeyNotFoundException>(() => parameters["missing"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => parameters[2]);
        Assert.Equal(";alg=\"rsa\";created=1", parameters.ToString());
    }

    [Fact]
    public void With_replaces_in_place_or_appends_without_touching_the_original()
    {
        var original = Params(("a", Int(1)), ("b", Int(2)));

        Assert.Equal(Params(("a", Int(9)), ("b", Int(2))), original.With("a", Int(9)));
        Assert.Equal(Params(("a", Int(1)), ("b", Int(2)), ("c", Int(3))), original.With("c", Int(3)));
        Assert.Equal(Params(("a", Int(1)), ("b", Int(2))), original);
        Assert.Empty(SfParameters.Empty);
    }

    [Fact]
    public void Large_dictionaries_keep_order_and_unique_keys()
    {
        // Past a handful of keys lookups switch to a hash index; behaviour must not change.
        var entries = Enumerable.Range(0, 50)
            .Select(i => KeyValuePair.Create($"k{i % 40}", (SfMember)Item(Int(i))))
            .ToList();
        var dictionary = new SfDictionary(entries);

        Assert.Equal(40, dictionary.Count);
        Assert.Equal("k0", dictionary[0].Key);
        Assert.Equal(Item(Int(40)), dictionary["k0"]);
        Assert.Equal(Item(Int(39)), dictionary["k39"]);
        Assert.Equal(Item(Int(20)), dictionary[20].Value);
        Assert.False(dictionary.ContainsKey("k40"));
    }

    [Fact]
    public void Dictionaries_compare_by_ordered_members()
    {
        SfDictionary first = [new("a", Item(Int(1))), new("b", Inner(Item(Tok("x"))))];
        var same = StructuredFieldParser.ParseDictionary("a=1, b=(x)");

        Assert.Equal(first, same);
        Assert.Equal(first.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(first, StructuredFieldParser.ParseDictionary("b=(x), a=1"));
        Assert.Equal(Item(Int(1)), first["a"]);
        Assert.True(first.TryGet("b", out var member));
        Assert.IsType<SfInnerList>(member);
        Assert.Equal("a=1, b=(x)", first.ToString());
    }

    [Fact]
    public void Null_values_are_rejected_on_construction_and_on_with()
    {
        Assert.Throws<ArgumentNullException>(() => new SfString(null!));
        Assert.Throws<ArgumentNullException>(() => new SfToken(null!));
        Assert.Throws<ArgumentNullException>(() => new SfDisplayString(null!));
        Assert.Throws<ArgumentNullException>(() => new SfByteSequence(null!));
        Assert.Throws<ArgumentNullException>(() => new SfItem(null!));
        Assert.Throws<ArgumentNullException>(() => new SfInnerList(null!));
        Assert.Throws<ArgumentNullException>(() => Str("x") with { Value = null! });
        Assert.Throws<ArgumentNullException>(() => Item(Int(1)) with { Value = null! });
        Assert.Throws<ArgumentNullException>(() => Params((null!, Int(1))));
    }
}
