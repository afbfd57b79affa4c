using System.Text;
using HyperBeam.Core.StructuredFields;

namespace HyperBeam.Core.Tests.StructuredFields;

/// <summary>
/// The serializer's string overloads reuse a builder per thread and give back the text of a dictionary serialized a
/// moment before: each text must still be exactly what a fresh builder writes, for each dialect.
/// </summary>
public class SerializerReuseTests
{
    [Fact]
    public void Texts_in_turn_of_all_sizes_are_what_a_fresh_builder_writes()
    {
        var random = new RandomStructuredFields(seed: 4242);
        var large = new SfDictionary([new("sig", new SfItem(new SfByteSequence(new byte[9000]))), new("k", new SfItem(new SfString(new string('k', 700))))]);
        for (var i = 0; i < 300; i++)
        {
            var dictionary = i % 10 == 0 ? large : random.Dictionary();
            var item = random.Item();
            Assert.Equal(Fresh(dictionary, StructuredFieldDialect.HyperBeam), StructuredFieldSerializer.SerializeDictionary(dictionary, StructuredFieldDialect.HyperBeam));
            Assert.Equal(StructuredFieldSerializer.SerializeItem(item, new StringBuilder()).ToString(), StructuredFieldSerializer.SerializeItem(item));
            Assert.Equal(Fresh(dictionary, StructuredFieldDialect.Rfc), StructuredFieldSerializer.SerializeDictionary(dictionary));
        }
    }

    [Fact]
    public void The_same_dictionary_in_the_other_dialect_gets_that_dialects_text()
    {
        var dictionary = new SfDictionary([new("a", new SfItem(new SfBoolean(true))), new("b", new SfItem(new SfInteger(1)))]);

        Assert.Equal("a=?1, b=1", StructuredFieldSerializer.SerializeDictionary(dictionary, StructuredFieldDialect.HyperBeam));
        Assert.Equal("a, b=1", StructuredFieldSerializer.SerializeDictionary(dictionary, StructuredFieldDialect.Rfc));
        Assert.Equal("a=?1, b=1", StructuredFieldSerializer.SerializeDictionary(dictionary, StructuredFieldDialect.HyperBeam));
    }

    [Fact]
    public void A_text_that_cannot_be_written_leaves_the_next_text_whole()
    {
        var bad = new SfDictionary([new("a", new SfItem(new SfInteger(1))), new("b", new SfItem(new SfToken("not a token")))]);
        var good = new SfDictionary([new("c", new SfItem(new SfInteger(2)))]);

        Assert.Throws<StructuredFieldException>(() => StructuredFieldSerializer.SerializeDictionary(bad, StructuredFieldDialect.HyperBeam));
        Assert.Equal("c=2", StructuredFieldSerializer.SerializeDictionary(good, StructuredFieldDialect.HyperBeam));
    }

    private static string Fresh(SfDictionary dictionary, StructuredFieldDialect dialect) =>
        StructuredFieldSerializer.SerializeDictionary(dictionary, new StringBuilder(), dialect).ToString();
}
