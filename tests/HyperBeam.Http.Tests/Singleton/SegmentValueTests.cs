using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Singleton;
using static HyperBeam.Http.Tests.Singleton.Steps;

namespace HyperBeam.Http.Tests.Singleton;

/// <summary>
/// The newest hb_singleton's <c>Part=Value</c> segment: <c>key=value</c> is the step <c>{path: key, key: value}</c>,
/// and any <c>&amp;k=v</c> after it are keys of that step too (aoconnect's <c>compute/results=N</c> and
/// <c>as=execution/compute</c>).
/// </summary>
public class SegmentValueTests
{
    public static TheoryData<string, Message, ResolveInput[]> Accepted() => new()
    {
        { "a segment key=value is a step keyed by its own name", Message.Of(("path", "/a/b=4/c&k2=v2")), [Msg(), Step("a"), Step("b", ("b", "4")), Step("c", ("k2", "v2"))] },
        { "inline keys may follow the value", Message.Of(("path", "/b=4&k=v")), [Msg(), Step("b", ("b", "4"), ("k", "v"))] },
        {
            "aoconnect's result path",
            Message.Of(("path", $"/{Id1}~process@1.0/compute/results=1")),
            [As("process@1.0", Id1), Step("compute"), Step("results", ("results", "1"))]
        },
        {
            "aoconnect's dryrun path",
            Message.Of(("path", $"/{Id1}~process@1.0/as=execution/compute&action=Info")),
            [As("process@1.0", Id1), Step("as", ("as", "execution")), Step("compute", ("action", "Info"))]
        },
        { "an empty value is the empty text", Message.Of(("path", "/a/b=")), [Msg(), Step("a"), Step("b", ("b", ""))] },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void A_segment_value_parses_as_the_newest_hb_singleton_does(string because, Message request, ResolveInput[] expected)
    {
        Assert.NotEmpty(because);
        Equal(expected, SingletonParser.Parse(request));
    }
}
