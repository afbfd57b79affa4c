using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Singleton;
using static HyperBeam.Http.Tests.Singleton.Steps;

namespace HyperBeam.Http.Tests.Singleton;

/// <summary>
/// Every eunit test of HyperBEAM's <c>hb_singleton.erl</c> (22: twelve <c>from</c> tests including
/// <c>path_parts_test</c>, and the ten of <c>to_suite_test_</c>), one row each, named after the test. Where the
/// Erlang test checks a few keys, the row states the whole sequence HyperBEAM produces for that request.
/// The random IDs of the Erlang tests are fixed IDs here.
/// </summary>
public class HbSingletonEunitTests
{
    public static TheoryData<string, Message, ResolveInput[]> FromTests() => new()
    {
        {
            "parse_explicit_message_test (1: keys reach the base and the step)",
            Message.Of(("path", "/a"), ("a", "b")),
            [Msg(("a", "b")), Step("a", ("a", "b"))]
        },
        {
            "parse_explicit_message_test (2: a leading ID replaces the base)",
            Message.Of(("path", $"/{Id1}/a")),
            [Id(Id1), Step("a")]
        },
        {
            "parse_explicit_message_test (3: an ID takes no keys, the step does)",
            Message.Of(("path", $"/{Id1}/a"), ("a", "b")),
            [Id(Id1), Step("a", ("a", "b"))]
        },
        {
            "single_message_test",
            Message.Of(("path", "/a"), ("test-key", "test-value")),
            [Msg(("test-key", "test-value")), Step("a", ("test-key", "test-value"))]
        },
        {
            "basic_hashpath_test",
            Message.Of(("path", $"/{Id2}/some-other"), ("method", "GET")),
            [Id(Id2), Step("some-other", ("method", "GET"))]
        },
        {
            "multiple_messages_test",
            Message.Of(("path", "/a/b/c"), ("test-key", "test-value")),
            [
                Msg(("test-key", "test-value")), Step("a", ("test-key", "test-value")),
                Step("b", ("test-key", "test-value")), Step("c", ("test-key", "test-value")),
            ]
        },
        {
            "scoped_key_test",
            Message.Of(("path", "/a/b/c"), ("2.test-key", "test-value")),
            [Msg(), Step("a"), Step("b", ("test-key", "test-value")), Step("c")]
        },
        {
            "typed_key_test",
            Message.Of(("path", "/a/b/c"), ("2.test-key+integer", "123")),
            [Msg(), Step("a"), Step("b", ("test-key", 123)), Step("c")]
        },
        {
            "subpath_in_key_test",
            Message.Of(("path", "/a/b/c"), ("2.test-key+resolve", "/x/y/z")),
            [Msg(), Step("a"), Step("b", ("test-key", SubValue(Msg(), Step("x"), Step("y"), Step("z")))), Step("c")]
        },
        {
            "subpath_in_path_test",
            Message.Of(("path", "/a/(x/y/z)/z")),
            [Msg(), Step("a"), Sub(Msg(), Step("x"), Step("y"), Step("z")), Step("z")]
        },
        {
            "inlined_keys_test",
            Message.Of(("method", "POST"), ("path", "/a/b&k1=v1/c&k2=v2")),
            [
                Msg(("method", "POST")), Step("a", ("method", "POST")),
                Step("b", ("method", "POST"), ("k1", "v1")), Step("c", ("method", "POST"), ("k2", "v2")),
            ]
        },
        {
            "multiple_inlined_keys_test",
            Message.Of(("method", "POST"), ("path", "/a/b&k1=v1&k2=v2")),
            [Msg(("method", "POST")), Step("a", ("method", "POST")), Step("b", ("method", "POST"), ("k1", "v1"), ("k2", "v2"))]
        },
        {
            "subpath_in_inlined_test",
            Message.Of(("path", "/part1/part2&test=1&b=(/x/y)/part3")),
            [Msg(), Step("part1"), Step("part2", ("test", "1"), ("b", SubValue(Msg(), Step("x"), Step("y")))), Step("part3")]
        },
    };

    [Theory]
    [MemberData(nameof(FromTests))]
    public void From_test(string test, Message request, ResolveInput[] expected)
    {
        Assert.NotEmpty(test);
        Steps.Equal(expected, SingletonParser.Parse(request));
    }

    public static TheoryData<string, string, string[]> PathPartsTest() => new()
    {
        { "path_parts_test (sub-path inside an inline value)", "/a/b&c=(/d/e)/f", ["a", "b&c=(/d/e)", "f"] },
        { "path_parts_test (one part)", "/a", ["a"] },
        { "path_parts_test (three parts)", "/a/b/c", ["a", "b", "c"] },
        { "path_parts_test (an ID)", $"/{Id1}/msg2", [Id1, "msg2"] },
        { "path_parts_test (inline keys keep their case)", "/a/b&K1=V1/c&K2=V2", ["a", "b&K1=V1", "c&K2=V2"] },
        { "path_parts_test (a sub-path is one part)", "/a/(x/y/z)/c", ["a", "(x/y/z)", "c"] },
    };

    [Theory]
    [MemberData(nameof(PathPartsTest))]
    public void Path_parts_test(string test, string path, string[] expected)
    {
        Assert.NotEmpty(test);
        Assert.Equal(expected, PathScanner.Split(path, '/', 512));
    }

    /// <summary>The <c>to_suite_test_</c> tests: the expected request where the Erlang test gives one, and always the round trip.</summary>
    public static TheoryData<string, ResolveInput[], Message?> ToTests() => new()
    {
        {
            "simple_to_test",
            [Msg(("test-key", "test-value")), Step("a", ("test-key", "test-value"))],
            Message.Of(("path", "/a"), ("test-key", "test-value"))
        },
        {
            "multiple_messages_to_test",
            [
                Msg(("test-key", "test-value")), Step("a", ("test-key", "test-value")),
                Step("b", ("test-key", "test-value")), Step("c", ("test-key", "test-value")),
            ],
            Message.Of(("path", "/a/b/c"), ("test-key", "test-value"))
        },
        {
            "basic_hashpath_to_test",
            [Id(Id2), Step("some-other", ("method", "GET"))],
            Message.Of(("path", $"/{Id2}/some-other"), ("method", "GET"))
        },
        {
            "scoped_key_to_test",
            [Msg(), Step("a"), Step("b", ("test-key", "test-value")), Step("c")],
            Message.Of(("2.test-key", "test-value"), ("path", "/a/b/c"))
        },
        {
            "typed_key_to_test",
            [Msg(), Step("a"), Step("b", ("test-key", 123)), Step("c")],
            Message.Of(("2.test-key+integer", "123"), ("path", "/a/b/c"))
        },
        {
            "subpath_in_key_to_test",
            [Msg(), Step("a"), Step("b", ("test-key", SubValue(Msg(), Step("x"), Step("y"), Step("z")))), Step("c")],
            Message.Of(("2.test-key+resolve", "/x/y/z"), ("path", "/a/b/c"))
        },
        {
            "subpath_in_path_to_test",
            [Msg(), Step("a"), Sub(Msg(), Step("x"), Step("y"), Step("z")), Step("z")],
            Message.Of(("path", "/a/(x/y/z)/z"))
        },
        {
            "inlined_keys_to_test",
            [
                Msg(("method", "POST")), Step("a", ("method", "POST")),
                Step("b", ("k1", "v1"), ("method", "POST")), Step("c", ("k2", "v2"), ("method", "POST")),
            ],
            null
        },
        {
            "multiple_inlined_keys_to_test",
            [Msg(("method", "POST")), Step("a", ("method", "POST")), Step("b", ("k1", "v1"), ("k2", "v2"), ("method", "POST"))],
            null
        },
        {
            "subpath_in_inlined_to_test",
            [Msg(), Step("part1"), Step("part2", ("b", SubValue(Msg(), Step("x"), Step("y"))), ("test", "1")), Step("part3")],
            null
        },
    };

    [Theory]
    [MemberData(nameof(ToTests))]
    public void To_test(string test, ResolveInput[] steps, Message? expected)
    {
        Assert.NotEmpty(test);
        var written = SingletonParser.ToPath(steps);
        if (expected is not null) Assert.Equal(expected, written);
        Steps.Equal(steps, SingletonParser.Parse(written));
    }
}
