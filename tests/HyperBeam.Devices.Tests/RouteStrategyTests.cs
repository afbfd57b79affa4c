using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Devices.Router;

namespace HyperBeam.Devices.Tests;

/// <summary>
/// The load-distribution strategies: HyperBEAM's statistical tests (<c>strategy_suite_test_</c>,
/// <c>by_base_determinism_test</c>, <c>weighted_random_strategy_test</c>) with seeded randomness, so each either
/// always passes or always fails, and exact picks for fixed seeds and fixed hashes.
/// </summary>
public class RouteStrategyTests
{
    public static TheoryData<RouteStrategy> SuiteStrategies() => [RouteStrategy.Random, RouteStrategy.ByBase, RouteStrategy.Nearest];

    [Theory]
    [MemberData(nameof(SuiteStrategies))]
    public void Unique_test(RouteStrategy strategy)
    {
        var random = new Random(1);
        foreach (var picks in Simulate(Hashes(random, 1), 5, Nodes(random, 5), strategy, random))
            Assert.Equal(picks.Count, picks.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(SuiteStrategies))]
    public void Choose_1_test(RouteStrategy strategy)
    {
        var random = new Random(2);
        var nodes = Nodes(random, 20);
        var simulation = Simulate(Hashes(random, 1500), 1, nodes, strategy, random);
        AssertWithinNorms(simulation, nodes, 1500);
    }

    [Theory]
    [MemberData(nameof(SuiteStrategies))]
    public void Choose_n_test(RouteStrategy strategy)
    {
        var random = new Random(3);
        var nodes = Nodes(random, 20);
        var simulation = Simulate(Hashes(random, 1500), 5, nodes, strategy, random);
        AssertWithinNorms(simulation, nodes, 1500 * 5);
        Assert.All(simulation, picks => Assert.Equal(5, picks.Distinct().Count()));
    }

    [Fact]
    public void By_base_determinism_test()
    {
        var random = new Random(4);
        var nodes = Nodes(random, 5);
        var hashes = Hashes(random, 100);
        var first = Simulate(hashes, 5, nodes, RouteStrategy.ByBase, random);
        var second = Simulate(hashes, 5, nodes, RouteStrategy.ByBase, new Random(99));
        Assert.Equal(first.Select(p => string.Join(",", p)), second.Select(p => string.Join(",", p)));
    }

    [Fact]
    public void Weighted_random_strategy_test()
    {
        var nodes = new[] { Message.Of(("host", "1"), ("weight", 1)), Message.Of(("host", "2"), ("weight", 99)) };
        var random = new Random(5);
        var ones = Simulate(Hashes(random, 1000), 1, nodes, RouteStrategy.ByWeight, random).Count(p => p[0] == "1");
        // HyperBEAM's bounds (4 < ones < 25), and the exact count this seed gives.
        Assert.InRange(ones, 5, 24);
        Assert.Equal(14, ones);
    }

    public static TheoryData<string, RouteStrategy, int, string[]> SeededPicks() => new()
    {
        { "Random picks uniformly without repeats", RouteStrategy.Random, 3, ["d", "a", "b"] },
        { "By-Weight favours heavy nodes", RouteStrategy.ByWeight, 2, ["e", "d"] },
        { "All takes them in order", RouteStrategy.All, 2, ["a", "b"] },
        { "choose beyond the node count gives them all", RouteStrategy.Random, 9, ["d", "a", "b", "e", "c"] },
    };

    /// <summary>Exact picks for a fixed seed (weights a..e: 1, 2, 3, 40, 54).</summary>
    [Theory]
    [MemberData(nameof(SeededPicks))]
    public void Seeded_strategies_pick_exactly(string name, RouteStrategy strategy, int count, string[] expected)
    {
        Assert.NotEmpty(name);
        var nodes = new[] { ("a", 1), ("b", 2), ("c", 3), ("d", 40), ("e", 54) }
            .Select(n => Message.Of(("host", n.Item1), ("weight", n.Item2))).ToList();
        Assert.True(NodeChooser.TryChoose(count, strategy, new byte[32], nodes, new Random(42), out var chosen, out var error), error);
        Assert.Equal(expected, chosen.Select(Host));
    }

    [Fact]
    public void The_shared_random_source_draws_distinct_nodes_too()
    {
        var nodes = "abcde".Select(c => Message.Of(("host", c.ToString()))).ToList();
        Assert.True(NodeChooser.TryChoose(3, RouteStrategy.Random, new byte[32], nodes, Random.Shared, out var chosen, out _));
        Assert.Equal(3, chosen.Select(Host).Distinct().Count());
        Assert.All(chosen, node => Assert.Contains(node, nodes));
    }

    public static TheoryData<string, byte, int, string[]> ByBasePicks() => new()
    {
        // Nodes a..e; the hash is the number N: pick N mod 5, then N mod 4 of the rest, and so on.
        { "hash 0 picks the first", 0, 1, ["a"] },
        { "hash 7 picks index 2, then index 3 of the rest", 7, 2, ["c", "e"] },
        { "hash 9 picks index 4, then 1, then 0", 9, 3, ["e", "b", "a"] },
    };

    [Theory]
    [MemberData(nameof(ByBasePicks))]
    public void By_base_picks_the_hash_modulo_the_nodes(string name, byte hash, int count, string[] expected)
    {
        Assert.NotEmpty(name);
        var nodes = "abcde".Select(c => Message.Of(("host", c.ToString()))).ToList();
        var bytes = new byte[32];
        bytes[31] = hash;
        Assert.True(NodeChooser.TryChoose(count, RouteStrategy.ByBase, bytes, nodes, new Random(0), out var chosen, out _));
        Assert.Equal(expected, chosen.Select(Host));
    }

    [Fact]
    public void Nearest_measures_distance_round_the_256_bit_ring()
    {
        // The request hash is 0: 0x00…05 is 5 away, 0xFF…FF only 1 (the ring wraps), 0x80…00 is 2^255 away.
        var five = new byte[32];
        five[31] = 5;
        var top = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        var half = new byte[32];
        half[0] = 0x80;
        var nodes = new[] { ("half", half), ("five", five), ("top", top) }
            .Select(n => Message.Of(("host", n.Item1), ("wallet", Base64Url.Encode(n.Item2)))).ToList();
        Assert.True(NodeChooser.TryChoose(2, RouteStrategy.Nearest, new byte[32], nodes, new Random(0), out var chosen, out _));
        Assert.Equal(["top", "five"], chosen.Select(Host));
    }

    [Fact]
    public void Nearest_hashes_the_base_ID_of_the_path()
    {
        var id = Base64Url.Encode(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        Assert.Equal(Base64Url.Decode(id), RequestHash.Of($"/{id}/slot"));
        Assert.Equal(Base64Url.Decode(id), RequestHash.Of($"/{id}~process@1.0/slot"));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData("abc"u8), RequestHash.Of("/abc/slot"));
    }

    public static TheoryData<string, RouteStrategy, Message[], string> Misconfigured() => new()
    {
        { "Nearest needs wallets", RouteStrategy.Nearest, [Message.Of(("host", "a"))], "wallet" },
        { "By-Weight needs weights", RouteStrategy.ByWeight, [Message.Of(("host", "a"))], "weight" },
        { "By-Weight needs a positive total", RouteStrategy.ByWeight, [Message.Of(("host", "a"), ("weight", 0))], "positive" },
        { "negative weights", RouteStrategy.ByWeight, [Message.Of(("host", "a"), ("weight", -1))], "non-negative" },
    };

    [Theory]
    [MemberData(nameof(Misconfigured))]
    public void Misconfigured_nodes_are_an_error(string name, RouteStrategy strategy, Message[] nodes, string reason)
    {
        Assert.NotEmpty(name);
        Assert.False(NodeChooser.TryChoose(1, strategy, new byte[32], nodes, new Random(0), out var chosen, out var error));
        Assert.Null(chosen);
        Assert.Contains(reason, error);
    }

    private static string Host(Message node) => node.GetText("host")!;

    private static List<Message> Nodes(Random random, int count) =>
        Enumerable.Range(1, count).Select(port =>
        {
            var wallet = new byte[32];
            random.NextBytes(wallet);
            return Message.Of(("host", $"http://localhost:{port}"), ("wallet", Base64Url.Encode(wallet)));
        }).ToList();

    private static List<byte[]> Hashes(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var hash = new byte[32];
            random.NextBytes(hash);
            return hash;
        }).ToList();

    private static List<List<string>> Simulate(List<byte[]> hashes, int count, IReadOnlyList<Message> nodes, RouteStrategy strategy, Random random) =>
        hashes.Select(hash =>
        {
            Assert.True(NodeChooser.TryChoose(count, strategy, hash, nodes, random, out var chosen, out var error), error);
            return chosen.Select(Host).ToList();
        }).ToList();

    /// <summary>HyperBEAM's <c>within_norms</c>: the mean count is exact and no node is picked more than 3σ above it.</summary>
    private static void AssertWithinNorms(List<List<string>> simulation, IReadOnlyList<Message> nodes, int total)
    {
        var counts = nodes.Select(n => simulation.Sum(picks => picks.Count(p => p == Host(n)))).ToList();
        var mean = counts.Average();
        Assert.Equal((double)total / nodes.Count, mean);
        var stddev = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / counts.Count);
        Assert.True(counts.Max() < mean + 3 * stddev, $"max {counts.Max()} is beyond mean {mean} + 3σ ({stddev})");
    }
}
