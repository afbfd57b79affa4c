using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Http.Singleton;
using static HyperBeam.Http.Tests.Singleton.Steps;

namespace HyperBeam.Http.Tests.Singleton;

/// <summary><see cref="SingletonParser.ToPath"/>: what it writes parses back to the same steps, and what it cannot write it says.</summary>
public class SingletonRoundTripTests
{
    [Theory]
    [InlineData("/a/b/c")]
    [InlineData("/a&k=v/b")]
    [InlineData("/~meta@1.0/info")]
    [InlineData("/" + Id1 + "/a~dev@1.0&x=1/b")]
    [InlineData("/a/(/b/c)/d")]
    [InlineData("/a/((/b/c)/d)")]
    [InlineData("/a&n+integer=5&f+float=1.5&t+atom=ok&l+list=1,2&m+map=x=1")]
    [InlineData("/a?k+resolve=/x/y")]
    [InlineData("/a/b?1.k=v&z=4")]
    [InlineData("/a&flag/b")]
    [InlineData("/")]
    public void Parsed_paths_write_back(string path)
    {
        var steps = SingletonParser.Parse(path);
        var written = SingletonParser.ToPath(steps);
        Steps.Equal(steps, SingletonParser.Parse(written));
    }

    [Fact]
    public void Keys_shared_by_every_step_are_written_once_and_the_rest_per_step()
    {
        var written = SingletonParser.ToPath([Msg(("k", "v"), ("n", 1)), Step("a", ("k", "v"), ("n", 2)), As("dev@1.0", "b", ("k", "v"))]);
        Assert.Equal(
            Message.Of(("path", "/a/b~dev@1.0"), ("k", "v"), ("0.n+integer", "1"), ("1.n+integer", "2")),
            written);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void Random_step_lists_round_trip(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            // The shapes the parser produces: an ID or an `as` step first, or a base followed by a message step.
            var steps = new List<ResolveInput>();
            switch (random.Next(3))
            {
                case 0: steps.Add(Id(Id2)); break;
                case 1: steps.Add(new AsInput("dev@1.0", RandomKeys(random).Set("path", RandomName(random)))); break;
                default: steps.Add(new ValueInput(RandomKeys(random))); steps.Add(new ValueInput(RandomKeys(random).Set("path", RandomName(random)))); break;
            }
            for (var n = random.Next(0, 4); n > 0; n--)
                steps.Add(random.Next(6) == 0
                    ? new AsInput("dev@1.0", RandomKeys(random).Set("path", RandomName(random)))
                    : new ValueInput(RandomKeys(random).Set("path", RandomName(random))));
            Assert.True(SingletonParser.TryToPath(steps, out var written, out var error), $"{Render(steps)}: {error}");
            Steps.Equal(steps, SingletonParser.Parse(written));
        }
    }

    public static TheoryData<string, ResolveInput[], string> Unwritable() => new()
    {
        { "a key with one dot, shared", [Msg(("x.y", "v")), Step("a", ("x.y", "v"))], "N.key" },
        { "a key with one dot, in one step", [Msg(), Step("a", ("x.y", "v"))], "does not parse back" },
        { "a path with grammar characters", [Msg(), Step("a&b")], "does not parse back" },
        { "a step before the base", [Step("a")], "does not parse back" },
        { "a step without a text path", [Msg(), Msg(("k", "v"))], "no singleton form" },
        { "a sub-resolution with keys", [Msg(), Sub(Msg(("k", "v")), Step("x"))], "cannot hold" },
        { "a binary step that is not an ID", [Msg(), new ValueInput(AoBinary.FromString("a"))], "no singleton form" },
    };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public void Says_why_steps_cannot_be_written(string name, ResolveInput[] steps, string reason)
    {
        Assert.NotEmpty(name);
        Assert.False(SingletonParser.TryToPath(steps, out var written, out var error));
        Assert.Null(written);
        Assert.Contains(reason, error);
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => SingletonParser.ToPath(steps)).Message);
    }

    private static Message RandomKeys(Random random)
    {
        var keys = Message.Empty;
        for (var n = random.Next(0, 3); n > 0; n--)
        {
            AoValue value = random.Next(6) switch
            {
                0 => random.Next(-1000, 1000),
                1 => random.Next(0, 100) / 4.0,
                2 => random.Next(2) == 0,
                3 => AoList.Of(random.Next(10), "x"),
                4 => Message.Of(("inner", RandomName(random))),
                _ => "text with (parens) & ?query=1 / %20",
            };
            keys = keys.Set(RandomName(random), value);
        }
        return keys;
    }

    private static string RandomName(Random random) => "k" + (char)('a' + random.Next(6)) + random.Next(3);
}
