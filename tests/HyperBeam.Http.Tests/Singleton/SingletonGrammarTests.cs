using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Singleton;
using static HyperBeam.Http.Tests.Singleton.Steps;

namespace HyperBeam.Http.Tests.Singleton;

/// <summary>The rest of the grammar, the HyperBEAM quirks kept or replaced, and every error.</summary>
public class SingletonGrammarTests
{
    public static TheoryData<string, Message, ResolveInput[]> Accepted() => new()
    {
        { "no path is no steps", Message.Of(("k", "v")), [] },
        { "an empty path is no steps", Message.Of(("path", "")), [] },
        { "a bare inline key is true", Message.Of(("path", "/a&flag")), [Msg(), Step("a", ("flag", true))] },
        {
            "a typed key as the segment names the step and types its own key (the newest hb_singleton)",
            Message.Of(("path", "/a/x+resolve=b/c")),
            [Msg(), Step("a"), Step("x", ("x", SubresolutionValue.ToValue(Sub(Msg(), Step("b"))))), Step("c")]
        },
        {
            "an empty +resolve value in a segment is an empty sub-resolution, as hb_singleton reads it",
            Message.Of(("path", "/x+resolve=")),
            [Msg(), Step("x", ("x", SubresolutionValue.ToValue(Sub())))]
        },
        {
            "an empty +resolve value inline is an empty sub-resolution",
            Message.Of(("path", "/a&x+resolve=")),
            [Msg(), Step("a", ("x", SubresolutionValue.ToValue(Sub())))]
        },
        { "a typed key as the segment: +integer", Message.Of(("path", "/a/b+integer=4/c")), [Msg(), Step("a"), Step("b", ("b", 4)), Step("c")] },
        { "an inline value keeps '=' after the first", Message.Of(("path", "/a&k=x=y")), [Msg(), Step("a", ("k", "x=y"))] },
        {
            "a device part takes inline keys",
            Message.Of(("path", "/a/b~dev@1.0&k=v")),
            [Msg(), Step("a"), As("dev@1.0", "b", ("k", "v"))]
        },
        { "a leading `as` replaces the base", Message.Of(("path", "/a~dev@1.0/b")), [As("dev@1.0", "a"), Step("b")] },
        {
            "global keys reach `as` steps with a path too (HyperBEAM: only `~dev` with an empty path)",
            Message.Of(("path", "/a/b~dev@1.0?x=1")),
            [Msg(("x", "1")), Step("a", ("x", "1")), As("dev@1.0", "b", ("x", "1"))]
        },
        {
            "N.key reaches an `as` step",
            Message.Of(("path", "/~meta@1.0/info"), ("0.k", "v")),
            [As("meta@1.0", "", ("k", "v")), Step("info")]
        },
        {
            "an N.key wins over the global key, which wins over the inline key",
            Message.Of(("path", "/a&k=inline/b&k=inline?k=global&1.k=scoped")),
            [Msg(("k", "global")), Step("a", ("k", "scoped")), Step("b", ("k", "global"))]
        },
        { "the query wins over the request's keys", Message.Of(("path", "/a?k=query"), ("k", "header")), [Msg(("k", "query")), Step("a", ("k", "query"))] },
        { "a key with two dots is an ordinary key", Message.Of(("path", "/a"), ("a.b.c", "v")), [Msg(("a.b.c", "v")), Step("a", ("a.b.c", "v"))] },
        { "0.key is the base", Message.Of(("path", "/a?0.k=v")), [Msg(("k", "v")), Step("a")] },
        { "types are case-insensitive", Message.Of(("path", "/a&n+INTEGER=7")), [Msg(), Step("a", ("n", 7))] },
        { "+binary keeps the text", Message.Of(("path", "/a&n+binary=7")), [Msg(), Step("a", ("n", "7"))] },
        { "+float", Message.Of(("path", "/a&f+float=2.5")), [Msg(), Step("a", ("f", 2.5))] },
        { "+atom", Message.Of(("path", "/a&t+atom=false")), [Msg(), Step("a", ("t", false))] },
        {
            "+list of mixed items",
            Message.Of(("path", "/a?l+list=1,\"x\",?1")),
            [Msg(("l", AoList.Of(1, "x", true))), Step("a", ("l", AoList.Of(1, "x", true)))]
        },
        {
            "+map is a structured-field dictionary",
            Message.Of(("path", "/a&m+map=x=1,y=\"s\",z")),
            [Msg(), Step("a", ("m", Message.Of(("x", 1), ("y", "s"), ("z", true))))]
        },
        { "a typed header", Message.Of(("path", "/a"), ("n+integer", "5")), [Msg(("n", 5)), Step("a", ("n", 5))] },
        {
            "+resolve in the query",
            Message.Of(("path", "/a?k+resolve=/x/y")),
            [Msg(("k", SubValue(Msg(), Step("x"), Step("y")))), Step("a", ("k", SubValue(Msg(), Step("x"), Step("y"))))]
        },
        {
            "+resolve on a parenthesised value (documented by HyperBEAM, which crashes on it)",
            Message.Of(("path", "/a&k+resolve=(/x)")),
            [Msg(), Step("a", ("k", SubValue(Msg(), Step("x"))))]
        },
        {
            "a sub-path keeps its own query",
            Message.Of(("path", "/a/(/b?k=v)")),
            [Msg(), Step("a"), Sub(Msg(("k", "v")), Step("b", ("k", "v")))]
        },
        {
            "nested sub-paths",
            Message.Of(("path", "/a/((/b/c)/d)")),
            [Msg(), Step("a"), Sub(Sub(Msg(), Step("b"), Step("c")), Step("d"))]
        },
        {
            "a '?' inside parentheses is not the query",
            Message.Of(("path", "/a&k=(/x?q=1)?z=2")),
            [Msg(("z", "2")), Step("a", ("k", SubValue(Msg(("q", "1")), Step("x", ("q", "1")))), ("z", "2"))]
        },
        { "an ID after the first step is a step of its own", Message.Of(("path", $"/a/{Id1}")), [Msg(), Step("a"), Id(Id1)] },
        { "a 42-character ID", Message.Of(("path", "/" + Id1[..42])), [Id(Id1[..42])] },
        {
            "a 43-byte segment that is not base64url is a key (HyperBEAM: any 43 bytes are an ID)",
            Message.Of(("path", "/abcdefghijklmnopqrstuvwxyz0123456789&k=abc")),
            [Msg(), Step("abcdefghijklmnopqrstuvwxyz0123456789", ("k", "abc"))]
        },
        {
            "a 32-character key is a key (HyperBEAM: a native ID)",
            Message.Of(("path", "/abcdefghijklmnopqrstuvwxyz012345")),
            [Msg(), Step("abcdefghijklmnopqrstuvwxyz012345")]
        },
        { "segments are decoded twice, as in HyperBEAM: %252F splits", Message.Of(("path", "/a%252Fb")), [Msg(), Step("a"), Step("b")] },
        { "%2525 is a literal %", Message.Of(("path", "/a%2525b")), [Msg(), Step("a%b")] },
        { "a decoded '&' starts inline keys", Message.Of(("path", "/a%26k%3Dv")), [Msg(), Step("a", ("k", "v"))] },
        { "UTF-8 in a segment", Message.Of(("path", "/caf%C3%A9/%E2%9C%93")), [Msg(), Step("café"), Step("✓")] },
        {
            "ao-types among the keys apply to every step",
            Message.Of(("path", "/a"), ("n", "1"), ("ao-types", "n=\"integer\"")),
            [Msg(("n", 1)), Step("a", ("n", 1))]
        },
        {
            "a `path` in the query replaces every step's path (as in HyperBEAM, where scoped keys win over the step's)",
            Message.Of(("path", "/a/b?1.path=z")),
            [Msg(), Step("z"), Step("b")]
        },
        { "an unmatched key on a path of ID only still parses", Message.Of(("path", $"/{Id1}"), ("k", "v")), [Id(Id1)] },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Parses(string name, Message request, ResolveInput[] expected)
    {
        Assert.NotEmpty(name);
        Steps.Equal(expected, SingletonParser.Parse(request));
    }

    public static TheoryData<string, Message, string> Rejected() => new()
    {
        { "an unclosed parenthesis", Message.Of(("path", "/a/(b/c")), "unbalanced parentheses" },
        { "a stray closing parenthesis", Message.Of(("path", "/a)b")), "unbalanced parentheses" },
        { "a stray parenthesis in the query", Message.Of(("path", "/a?k=)")), "unbalanced parentheses" },
        { "a decoded parenthesis counts too", Message.Of(("path", "/a%28b")), "unbalanced parentheses" },
        { "a segment over 512 bytes", Message.Of(("path", "/" + new string('a', 513))), "exceeds the 512-byte limit" },
        { "an inline pair over 512 bytes", Message.Of(("path", "/a&k=" + new string('v', 510))), "exceeds the 512-byte limit" },
        { "a query pair over 512 bytes", Message.Of(("path", "/a?k=" + new string('v', 511))), "exceeds the 512-byte limit" },
        { "a multi-byte segment over 512 bytes", Message.Of(("path", "/" + string.Concat(Enumerable.Repeat("é", 257)))), "514 bytes" },
        { "an unknown type", Message.Of(("path", "/a&k+nope=1")), "unknown type" },
        { "an unknown type on a header", Message.Of(("path", "/a"), ("k+nope", "1")), "unknown type" },
        { "an integer that is not", Message.Of(("path", "/a&k+integer=abc")), "is not one" },
        { "a float that is not", Message.Of(("path", "/a&k+float=x")), "is not one" },
        { "a map that is not a dictionary", Message.Of(("path", "/a&k+map=(")), "unbalanced" },
        { "a map that is not a dictionary (no parentheses)", Message.Of(("path", "/a&k+map=x=")), "dictionary" },
        { "a type on a bare key", Message.Of(("path", "/a&k+integer")), "no value" },
        { "a type on a sub-path value", Message.Of(("path", "/a&k+integer=(/x)")), "+resolve" },
        { "a type on a nested message", Message.Of(("path", "/a"), ("k+integer", Message.Of(("x", "y")))), "only text values" },
        { "+resolve on a nested message", Message.Of(("path", "/a"), ("k+resolve", Message.Of(("x", "y")))), "needs a path" },
        { "a step beyond the path", Message.Of(("path", "/a/b?5.k=v")), "steps 0..2" },
        { "a step on an empty path", Message.Of(("path", "/"), ("0.k", "v")), "no steps" },
        { "a step that is an ID", Message.Of(("path", $"/{Id1}/a?0.k=v")), "takes no keys" },
        { "a step that is a sub-path", Message.Of(("path", "/a/(b)?2.k=v")), "takes no keys" },
        { "one dot without a step number", Message.Of(("path", "/a?x.k=v")), "N.key" },
        { "one dot in a header without a step number", Message.Of(("path", "/a"), ("content.type", "v")), "N.key" },
        { "a negative step", Message.Of(("path", "/a?-1.k=v")), "steps count from 0" },
        { "an empty scoped key", Message.Of(("path", "/a?1.=v")), "empty key" },
        { "an empty inline key", Message.Of(("path", "/a&=v")), "empty key" },
        { "an empty typed key", Message.Of(("path", "/a&+integer=1")), "empty key" },
        { "a private inline key", Message.Of(("path", "/a&priv=x")), "private key" },
        { "a private query key", Message.Of(("path", "/a?priv-hashpath=x")), "private key" },
        { "a private scoped key", Message.Of(("path", "/a?1.priv_x=y")), "private key" },
        { "no device after '~'", Message.Of(("path", "/a~")), "no device" },
        { "a device given by a sub-path", Message.Of(("path", "/a~(/x)")), "not supported" },
        { "an empty sub-path", Message.Of(("path", "/a/()")), "is empty" },
        { "an empty sub-path value", Message.Of(("path", "/a&k=()")), "is empty" },
        { "a '%' without hex digits", Message.Of(("path", "/a%zz")), "percent-encoding" },
        { "a '%' at the end", Message.Of(("path", "/a%2")), "percent-encoding" },
        { "%25 decoded twice is a lone '%' (as in HyperBEAM)", Message.Of(("path", "/a%25b")), "percent-encoding" },
        { "bytes that are not UTF-8", Message.Of(("path", "/a%FF")), "UTF-8" },
        { "a path that is not text", Message.Of(("path", 7)), "must be text" },
        { "a path that is not UTF-8", Message.Empty.Set("path", new AoBinary([0x2F, 0xC3])), "not UTF-8" },
        { "ao-types that do not apply", Message.Of(("path", "/a"), ("n", "x"), ("ao-types", "n=\"integer\"")), "ao-types" },
        { "sub-paths nested too deep", Message.Of(("path", "/" + new string('(', 65) + "a" + new string(')', 65))), "nest more than 64" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Rejects_with_a_clear_error(string name, Message request, string reason)
    {
        Assert.NotEmpty(name);
        var error = Assert.Throws<SingletonParseException>(() => SingletonParser.Parse(request));
        Assert.Contains(reason, error.Message);
        Assert.Equal(400, error.StatusCode);
        Assert.False(SingletonParser.TryParse(request, out var steps, out var value));
        Assert.Null(steps);
        Assert.Equal(error.Message, value.Message);
    }

    [Fact]
    public void Limits_come_from_HttpLimits()
    {
        var narrow = new HttpLimits { MaxSegmentBytes = 4 };
        Steps.Equal([Msg(), Step("abcd")], SingletonParser.Parse("/abcd", narrow));
        Assert.Contains("4-byte limit", Assert.Throws<SingletonParseException>(() => SingletonParser.Parse("/abcde", narrow)).Message);
        var shallow = new HttpLimits { MaxNestingDepth = 1 };
        Steps.Equal([Sub(Msg(), Step("a"))], SingletonParser.Parse("/(a)", shallow));
        Assert.Contains("nest more than 1", Assert.Throws<SingletonParseException>(() => SingletonParser.Parse("/((a))", shallow)).Message);
    }

    [Fact]
    public void A_long_error_quotes_only_the_start_of_the_input()
    {
        var error = Assert.Throws<SingletonParseException>(() => SingletonParser.Parse("/(" + new string('a', 400)));
        Assert.True(error.Message.Length < 200, error.Message);
    }
}
