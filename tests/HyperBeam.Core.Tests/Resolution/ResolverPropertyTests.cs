using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Codecs;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Resolution;

/// <summary>Seeded properties: resolution is deterministic, and no input makes the resolver throw.</summary>
public class ResolverPropertyTests
{
    private static readonly Resolver Resolver = new(TestDevices.Registry);
    private const string Junk = "ab/~&?=()%\0 é日\u2028.-_";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Resolving_the_same_request_twice_gives_equal_results_and_hashpaths(int seed)
    {
        var messages = new RandomMessages(seed);
        var random = new Random(seed);
        var okSeen = 0;
        for (var i = 0; i < 150; i++)
        {
            var @base = messages.Next();
            var path = PathInto(@base, random);
            var first = await Resolver.ResolveAsync(@base, path);
            var second = await Resolver.ResolveAsync(@base, path);
            Assert.Equal(first, second);
            Assert.Equal(first.Hashpath, second.Hashpath);
            if (first.IsOk) okSeen++;
        }
        // The generator must reach real values, or the property says nothing.
        Assert.True(okSeen > 50, $"only {okSeen} of 150 resolutions were ok");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Garbage_paths_never_throw(int seed)
    {
        var random = new Random(seed);
        var messages = new RandomMessages(seed);
        var modes = Enum.GetValues<HashpathMode>();
        for (var i = 0; i < 300; i++)
        {
            var @base = random.Next(4) == 0 ? messages.Next().Set("device", GarbageText(random, 20)) : messages.Next();
            var options = new ResolveOptions { Hashpath = modes[random.Next(modes.Length)] };
            var result = await Resolver.ResolveAsync(@base, Message.Empty.Set("path", GarbagePath(random)), options);
            Assert.True(Enum.IsDefined(result.Status));
            Assert.NotNull(result.Value);
        }
    }

    private static string PathInto(Message @base, Random random)
    {
        var parts = new List<string>();
        AoValue current = @base;
        while (current is Message m && m.Count > 0 && random.Next(4) != 0)
        {
            var (key, value) = m.Entries[random.Next(m.Count)];
            parts.Add(key);
            current = value;
        }
        if (parts.Count == 0 || random.Next(6) == 0) parts.Add(random.Next(2) == 0 ? "keys" : "missing");
        return string.Join('/', parts);
    }

    private static AoValue GarbagePath(Random random) => random.Next(5) switch
    {
        0 => new AoList(Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(3) switch
        {
            0 => (AoValue)GarbageText(random, 12),
            1 => new AoInteger(random.Next(-5, 5)),
            _ => Message.Of(("x", "y")),
        })),
        1 => new AoInteger(random.Next()),
        2 => GarbageText(random, 700),
        _ => GarbageText(random, 30),
    };

    private static string GarbageText(Random random, int maxLength)
    {
        var sb = new StringBuilder();
        var length = random.Next(0, maxLength);
        for (var i = 0; i < length; i++) sb.Append(Junk[random.Next(Junk.Length)]);
        return sb.ToString();
    }
}
