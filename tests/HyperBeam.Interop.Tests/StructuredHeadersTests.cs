namespace HyperBeam.Interop.Tests;

/// <summary>
/// The structured-field corpus through this port's parser/serializer and the npm structured-headers package (one Node
/// run for the whole corpus): both must meet the RFC outcome the corpus states and agree with each other, except for
/// the cases the corpus lists as known differences, where the side that keeps to the RFC must still do so and the two
/// must still differ.
/// </summary>
[Collection(NodeCollection.Name)]
public class StructuredHeadersTests(NodeFixture node)
{
    [Theory]
    [MemberData(nameof(StructuredFieldCorpus.CaseNames), MemberType = typeof(StructuredFieldCorpus))]
    public async Task A_corpus_case_parses_and_serializes_the_same_on_both_sides(string name)
    {
        var index = StructuredFieldCorpus.Cases.ToList().FindIndex(c => c.Name == name);
        var c = StructuredFieldCorpus.Cases[index];
        var output = await node.RunOnceAsync("sf-corpus.mjs", StructuredFieldCorpus.ScriptInput());

        Check(c, StructuredFieldOutcome.Ours(c.Type, c.Input), StructuredFieldOutcome.FromScript(output.GetProperty("cases")[index]));
    }

    [Theory]
    [MemberData(nameof(StructuredFieldCorpus.NumberInputs), MemberType = typeof(StructuredFieldCorpus))]
    public async Task A_decimal_serializes_the_same_on_both_sides(string input)
    {
        var index = StructuredFieldCorpus.Numbers.ToList().FindIndex(n => n.Input == input);
        var output = await node.RunOnceAsync("sf-corpus.mjs", StructuredFieldCorpus.ScriptInput());

        Check(StructuredFieldCorpus.Numbers[index], StructuredFieldOutcome.OursNumber(input),
            StructuredFieldOutcome.FromScript(output.GetProperty("numbers")[index]));
    }

    [Fact]
    public void The_corpus_covers_enough_valid_and_invalid_values_and_explains_every_difference()
    {
        var cases = StructuredFieldCorpus.Cases;
        Assert.True(cases.Count(c => !c.Invalid) >= 60, $"only {cases.Count(c => !c.Invalid)} valid cases");
        Assert.True(cases.Count(c => c.Invalid) >= 20, $"only {cases.Count(c => c.Invalid)} invalid cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        Assert.All(cases, c => Assert.Contains(c.Type, new[] { "item", "list", "dictionary" }));
        Assert.All(cases.Concat(StructuredFieldCorpus.Numbers), c =>
        {
            Assert.True((c.Differs is null) == (c.Deviates is null), $"'{c.Name}': differs and deviates go together");
            if (c.Differs is not null) Assert.Contains(c.Deviates, new[] { "ours", "library" });
        });
    }

    private static void Check(StructuredFieldCase c, StructuredFieldOutcome ours, StructuredFieldOutcome library)
    {
        var what = $"{c.Type} '{c.Input}'";
        if (c.Differs is null)
        {
            if (c.Rfc is { } rfc) Assert.True(ours.Agrees(rfc), $"{what}: RFC says {rfc}, this port made {ours}");
            Assert.True(ours.Agrees(library), $"{what}: this port made {ours}, structured-headers made {library}");
            return;
        }
        Assert.False(ours.Agrees(library),
            $"{what} is listed as a known difference ({c.Differs}) but both sides made {ours}; drop it from the corpus's differences");
        var (keeper, side) = c.Deviates == "ours" ? (library, "structured-headers") : (ours, "this port");
        if (c.Rfc is { } expected) Assert.True(keeper.Agrees(expected), $"{what}: RFC says {expected}, {side} made {keeper}");
    }
}
