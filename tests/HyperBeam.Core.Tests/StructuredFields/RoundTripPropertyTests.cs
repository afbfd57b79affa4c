using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>Random valid structures serialize, parse back to an equal structure, and reserialize identically.</summary>
public class RoundTripPropertyTests
{
    private const int Iterations = 3000;

    [Fact]
    public void Items_round_trip()
    {
        var random = new RandomStructuredFields(seed: 8941);
        for (var i = 0; i < Iterations; i++)
        {
            var item = random.Item();
            var text = StructuredFieldSerializer.SerializeItem(item);

            var parsed = StructuredFieldParser.ParseItem(text);

            Assert.True(item.Equals(parsed), $"iteration {i}: {text}");
            Assert.Equal(text, StructuredFieldSerializer.SerializeItem(parsed));
        }
    }

    [Fact]
    public void Lists_round_trip()
    {
        var random = new RandomStructuredFields(seed: 9651);
        for (var i = 0; i < Iterations; i++)
        {
            var list = random.List();
            var text = StructuredFieldSerializer.SerializeList(list);

            var parsed = StructuredFieldParser.ParseList(text);

            Assert.True(list.SequenceEqual(parsed), $"iteration {i}: {text}");
            Assert.Equal(text, StructuredFieldSerializer.SerializeList(parsed));
        }
    }

    [Theory]
    [InlineData(StructuredFieldDialect.Rfc)]
    [InlineData(StructuredFieldDialect.HyperBeam)]
    public void Dictionaries_round_trip_in_both_dialects(StructuredFieldDialect dialect)
    {
        var random = new RandomStructuredFields(seed: 2024 + (int)dialect);
        for (var i = 0; i < Iterations; i++)
        {
            var dictionary = random.Dictionary();
            var text = StructuredFieldSerializer.SerializeDictionary(dictionary, dialect);

            var parsed = StructuredFieldParser.ParseDictionary(text);

            Assert.True(dictionary.Equals(parsed), $"iteration {i}: {text}");
            Assert.Equal(text, StructuredFieldSerializer.SerializeDictionary(parsed, dialect));
        }
    }

    [Fact]
    public void Surrounding_spaces_do_not_change_the_result()
    {
        var random = new RandomStructuredFields(seed: 7);
        for (var i = 0; i < Iterations; i++)
        {
            var dictionary = random.Dictionary();
            var text = StructuredFieldSerializer.SerializeDictionary(dictionary);

            Assert.Equal(dictionary, StructuredFieldParser.ParseDictionary($"  {text}   "));
        }
    }
}
