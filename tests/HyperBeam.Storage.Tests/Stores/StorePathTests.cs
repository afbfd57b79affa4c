namespace HyperBeam.Storage.Tests.Stores;

public sealed class StorePathTests
{
    [Theory]
    [InlineData("a", new[] { "a" })]
    [InlineData("a/b/c", new[] { "a", "b", "c" })]
    [InlineData("/a/b", new[] { "a", "b" })]
    [InlineData("ID/key with space", new[] { "ID", "key with space" })]
    [InlineData(".hidden/..dots/.../a.b", new[] { ".hidden", "..dots", "...", "a.b" })]
    public void Valid_paths_parse_into_their_segments(string text, string[] segments)
    {
        var path = StorePath.Parse(text);
        Assert.Equal(segments, path.Segments);
        Assert.Equal(string.Join('/', segments), path.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/", "empty")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/b/", "empty segment")]
    [InlineData("//a", "empty segment")]
    [InlineData("a/../b", "relative")]
    [InlineData("..", "relative")]
    [InlineData("a/./b", "relative")]
    [InlineData("a/b\0c", "NUL")]
    public void Invalid_paths_are_clear_errors(string text, string reason)
    {
        var e = Assert.Throws<InvalidStorePathException>(() => StorePath.Parse(text));
        Assert.Contains(reason, e.Message);
        Assert.False(StorePath.TryParse(text, out _));
    }

    [Fact]
    public void A_lone_surrogate_has_no_UTF8_form_and_is_refused()
    {
        var e = Assert.Throws<InvalidStorePathException>(() => StorePath.Parse("a/" + (char)0xD800));
        Assert.Contains("lone surrogate", e.Message);
    }

    [Fact]
    public void A_segment_may_be_512_bytes_of_UTF8_and_no_more()
    {
        StorePath.Of(new string('a', 512));
        StorePath.Of(new string('é', 256));
        StorePath.Of(string.Concat(Enumerable.Repeat("🎉", 128)));
        var ascii = Assert.Throws<InvalidStorePathException>(() => StorePath.Of(new string('a', 513)));
        Assert.Contains("513 bytes", ascii.Message);
        // 257 characters but 514 bytes: the limit is in bytes.
        Assert.Throws<InvalidStorePathException>(() => StorePath.Of(new string('é', 257)));
    }

    [Fact]
    public void Segments_given_separately_may_not_hide_a_slash()
    {
        var e = Assert.Throws<InvalidStorePathException>(() => StorePath.Of("a", "b/c"));
        Assert.Contains("'/'", e.Message);
        Assert.Throws<InvalidStorePathException>(() => StorePath.Parse("a").Append("x/y"));
    }

    [Fact]
    public void Paths_compare_by_their_segments()
    {
        var path = StorePath.Parse("a/b/c");
        Assert.Equal(StorePath.Of("a", "b", "c"), path);
        Assert.True(path == StorePath.Parse("/a/b/c"));
        Assert.NotEqual(StorePath.Parse("a/b"), path);
        Assert.Equal(StorePath.Parse("a/b"), path.Parent);
        Assert.Null(StorePath.Parse("a").Parent);
        Assert.Equal("c", path.Name);
        Assert.True(path.StartsWith(StorePath.Parse("a/b")));
        Assert.False(path.StartsWith(StorePath.Parse("a/bc")));
        Assert.Equal(path, StorePath.Parse("a").Append("b").Append(StorePath.Parse("c")));
    }
}
