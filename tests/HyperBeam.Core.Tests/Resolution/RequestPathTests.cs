using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Tests.Resolution;

/// <summary>The path tests of HyperBEAM's <c>hb_path.erl</c> (term_to_path_parts, to_binary, hd, tl, pop) and the segment rules.</summary>
public class RequestPathTests
{
    private static string[]? Keys(AoValue? path, int maxBytes = 512)
    {
        Assert.True(RequestPath.TryParse(path, maxBytes, out var parts, out var failure), failure.ToString());
        return parts?.Select(p => p.ToString()).ToArray();
    }

    public static TheoryData<string, AoValue, string[]?> TermToPathParts() => new()
    {
        { "term_to_path_parts: binary", "a/b/c", ["a", "b", "c"] },
        { "term_to_path_parts: list", AoList.Of("a", "b", "c"), ["a", "b", "c"] },
        { "term_to_path_parts: nested lists and empty segments", AoList.Of(AoList.Of("/a", AoList.Of("b", "//b")), "c"), ["a", "b", "b", "c"] },
        { "term_to_path_parts: slash is the empty path", "/", [] },
        { "empty binary is no path", "", null },
        { "only slashes is no path (HyperBEAM quirk)", "//", null },
        { "empty list is no path", AoList.Empty, null },
        { "empty middle segments are dropped", "a//b/", ["a", "b"] },
        { "integers are keys", 1, ["1"] },
        { "a device suffix swaps the device for the segment", "a/b~message@1.0/c", ["a", "b~message@1.0", "c"] },
        { "a bare device segment only swaps the device", "~message@1.0/c", ["~message@1.0", "c"] },
    };

    [Theory]
    [MemberData(nameof(TermToPathParts))]
    public void Parses_paths_as_HyperBEAM(string name, AoValue path, string[]? expected)
    {
        Assert.NotNull(name);
        Assert.Equal(expected, Keys(path));
    }

    [Fact]
    public void Device_segments_split_into_key_and_device()
    {
        Assert.True(RequestPath.TryParse((AoValue)"k~stack@1.0", 512, out var parts, out _));
        Assert.Equal(new PathPart("k", "stack@1.0"), Assert.Single(parts!));
    }

    [Theory]
    [InlineData("a~")]
    [InlineData("a~b~c")]
    public void A_device_segment_must_name_one_device(string path)
    {
        Assert.False(RequestPath.TryParse((AoValue)path, 512, out _, out var failure));
        Assert.Equal(ResolveErrorCodes.MalformedPath, failure.ErrorCode);
    }

    [Fact]
    public void Non_key_values_in_a_path_are_malformed()
    {
        Assert.False(RequestPath.TryParse(Message.Of(("a", 1)), 512, out _, out var failure));
        Assert.Equal(ResolveErrorCodes.MalformedPath, failure.ErrorCode);
        Assert.False(RequestPath.TryParse(AoList.Of("a", Message.Empty), 512, out _, out failure));
        Assert.Equal(ResolveErrorCodes.MalformedPath, failure.ErrorCode);
    }

    [Theory]
    [InlineData(512, 1, true)]
    [InlineData(513, 1, false)]
    [InlineData(256, 2, true)]
    [InlineData(257, 2, false)]
    [InlineData(171, 3, false)]
    [InlineData(170, 3, true)]
    public void Segments_are_limited_to_512_utf8_bytes(int count, int bytesPerChar, bool fits)
    {
        var ch = bytesPerChar switch { 1 => "a", 2 => "é", _ => "日" };
        var segment = string.Concat(Enumerable.Repeat(ch, count));
        var ok = RequestPath.TryParse((AoValue)("x/" + segment), 512, out _, out var failure);
        Assert.Equal(fits, ok);
        if (!fits) Assert.Equal(ResolveErrorCodes.KeyTooLong, failure.ErrorCode);
    }

    [Fact]
    public void To_binary()
    {
        Assert.Equal("a/b/c", RequestPath.ToText(AoList.Of("a", "b", "c")));
        Assert.Equal("a/b/c", RequestPath.ToText("a/b/c"));
        Assert.Equal("a/b/b/c", RequestPath.ToText(AoList.Of("a", AoList.Of("b", "//b"), "c")));
    }

    [Fact]
    public void Hd_and_tl()
    {
        Assert.Equal("a", RequestPath.Head(Message.Of(("path", AoList.Of("a", "b", "c")))));
        Assert.Null(RequestPath.Head(Message.Empty));
        Assert.Equal(["b", "c"], Keys(AoList.Of("a", "b", "c"))![1..]);
        Assert.Empty(Keys("c")![1..]);
    }

    [Fact]
    public void Pop_from_message_and_from_path_list_yield_the_keys_in_order()
    {
        Assert.Equal(["a", "b", "c"], Keys(Message.Of(("path", AoList.Of("a", "b", "c"))).Get("path"))!);
        Assert.Equal(["a", "b", "c"], Keys(AoList.Of("a", "b", "c"))!);
    }
}
