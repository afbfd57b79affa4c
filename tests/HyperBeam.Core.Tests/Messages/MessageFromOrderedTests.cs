using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Messages;

/// <summary><see cref="Message.FromOrdered"/>: the builder's message, without a builder, for keys given in order.</summary>
public class MessageFromOrderedTests
{
    [Fact]
    public void Keys_given_in_order_make_the_message_a_builder_would()
    {
        var nested = Message.Of(("x", "1"));
        var ordered = Message.FromOrdered([new("a", "1"), new("b-c", 2L), new("body", nested), new("z", "")]);
        var built = Message.Of(("z", ""), ("body", nested), ("a", "1"), ("b-c", 2));

        Assert.Equal(built, ordered);
        Assert.Equal(["a", "b-c", "body", "z"], ordered.Keys);
    }

    [Fact]
    public void No_keys_make_the_empty_message()
    {
        Assert.Same(Message.Empty, Message.FromOrdered([]));
    }

    [Theory]
    [InlineData("b", "a")]
    [InlineData("a", "a")]
    public void Keys_out_of_order_or_repeated_are_refused(string first, string second)
    {
        Assert.Throws<ArgumentException>(() => Message.FromOrdered([new(first, "1"), new(second, "2")]));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("priv")]
    [InlineData("priv-secret")]
    public void Keys_not_normalised_or_private_are_refused(string key)
    {
        Assert.Throws<ArgumentException>(() => Message.FromOrdered([new(key, "1")]));
    }

    [Fact]
    public void Changing_the_entries_given_does_not_change_the_message()
    {
        var entries = new KeyValuePair<string, AoValue>[] { new("a", "1"), new("b", "2") };
        var message = Message.FromOrdered(entries);
        entries[0] = new("a", "changed");

        Assert.Equal("1", message.GetText("a"));
    }
}
