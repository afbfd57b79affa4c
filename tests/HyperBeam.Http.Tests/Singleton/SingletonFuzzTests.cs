using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Http.Singleton;

namespace HyperBeam.Http.Tests.Singleton;

/// <summary>
/// Seeded fuzzing: random paths heavy in grammar characters, random bytes, and mutations of valid paths. Whatever
/// comes in, the parser answers steps or a <see cref="SingletonParseException"/>, nothing else; and whatever it
/// answers, <see cref="SingletonParser.TryToPath"/> either writes back a request that parses to the same steps or
/// says why it cannot.
/// </summary>
public class SingletonFuzzTests
{
    private const string Alphabet = "//()&&~+==??%%..,\"@-_ abcxyz0129AF%é✓";
    private static readonly string[] ValidPaths =
    [
        "/a/b/c", "/~meta@1.0/info", "/x&k+integer=1/y", "/a/(/b/c)/d", "/a/b?2.x=3&z=4", "/a&b=c&d+float=1.5/e",
        "/a/b~test-device@1.0/c", "/a/b/c?list+list=1,2,3", "/a%2Fb/c", $"/{Steps.Id1}/a&k=(/x/y)", "/a?k+resolve=/x/y",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_paths_only_ever_fail_with_the_parse_error(int seed)
    {
        var random = new Random(seed);
        var outcomes = new Outcomes();
        for (var i = 0; i < 3000; i++)
        {
            var path = RandomText(random, random.Next(0, 40));
            var request = random.Next(4) == 0
                ? Message.Of(("path", path), (RandomText(random, random.Next(1, 8)).ToLowerInvariant(), RandomText(random, 5)))
                : Message.Of(("path", path));
            outcomes.Run(request, seed);
        }
        outcomes.AssertBothSeen();
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Mutated_valid_paths_only_ever_fail_with_the_parse_error(int seed)
    {
        var random = new Random(seed);
        var outcomes = new Outcomes();
        for (var i = 0; i < 3000; i++)
        {
            var path = new StringBuilder(ValidPaths[random.Next(ValidPaths.Length)]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(path.Length + 1);
                switch (random.Next(3))
                {
                    case 0: path.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    case 1 when at < path.Length: path.Remove(at, 1); break;
                    default: if (at < path.Length) path[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                }
            }
            outcomes.Run(Message.Of(("path", path.ToString())), seed);
        }
        outcomes.AssertBothSeen();
    }

    [Fact]
    public void Random_bytes_only_ever_fail_with_the_parse_error()
    {
        var random = new Random(6);
        var outcomes = new Outcomes();
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 30)];
            random.NextBytes(bytes);
            // Half of them start as a path with ASCII, so some parse.
            if (i % 2 == 0) for (var j = 0; j < bytes.Length; j++) bytes[j] = (byte)Alphabet[bytes[j] % 26];
            outcomes.Run(Message.Empty.Set("path", new AoBinary(bytes)), 6);
        }
        outcomes.AssertBothSeen();
    }

    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append(Alphabet[random.Next(Alphabet.Length)]);
        return sb.ToString();
    }

    /// <summary>Runs one input, failing with the input on any exception but the parse error, and counts what happened.</summary>
    private sealed class Outcomes
    {
        private int _parsed;
        private int _rejected;

        public void Run(Message request, int seed)
        {
            try
            {
                var steps = SingletonParser.Parse(request);
                _parsed++;
                if (SingletonParser.TryToPath(steps, out var written, out _))
                    Steps.Equal(steps, SingletonParser.Parse(written));
            }
            catch (SingletonParseException)
            {
                _rejected++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"seed {seed}: {request} threw {e.GetType().Name}: {e}");
            }
        }

        public void AssertBothSeen()
        {
            Assert.True(_parsed > 0, "no input parsed: the fuzzer explores nothing but errors");
            Assert.True(_rejected > 0, "no input was rejected: the fuzzer explores nothing but valid paths");
        }
    }
}
