using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;

namespace HyperBeam.Devices.Router;

/// <summary>
/// Picks <c>choose</c> distinct nodes of a route by its <see cref="RouteStrategy"/> (HyperBEAM's <c>choose/5</c>).
/// Asking for more nodes than there are gives them all. The random strategies draw from the given
/// <see cref="Random"/> (locked while drawing, so a seeded one may be shared): with a fixed seed the picks are fixed.
/// </summary>
public static class NodeChooser
{
    private static readonly BigInteger Ring = BigInteger.One << 256;

    public static bool TryChoose(
        int count, RouteStrategy strategy, ReadOnlySpan<byte> requestHash, IReadOnlyList<Message> nodes, Random random,
        [NotNullWhen(true)] out IReadOnlyList<Message>? chosen, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(random);
        chosen = null;
        error = null;
        var n = Math.Clamp(count, 0, nodes.Count);
        var hash = new BigInteger(requestHash, isUnsigned: true, isBigEndian: true);
        switch (strategy)
        {
            case RouteStrategy.All:
                chosen = nodes.Take(n).ToList();
                return true;
            case RouteStrategy.Random:
                chosen = Draw(n, nodes, random, _ => 1.0);
                return true;
            case RouteStrategy.ByBase:
                chosen = ByBase(n, hash, nodes);
                return true;
            case RouteStrategy.ByWeight:
                var weights = new Dictionary<Message, double>(ReferenceEqualityComparer.Instance);
                foreach (var node in nodes)
                {
                    if (Weight(node) is not { } w || w < 0)
                        return Fail($"a By-Weight node needs a non-negative number as its weight: {node}", out error);
                    weights[node] = w;
                }
                if (n > 0 && weights.Values.Sum() <= 0) return Fail("By-Weight needs at least one node with a positive weight", out error);
                chosen = Draw(n, nodes, random, node => weights[node]);
                return true;
            case RouteStrategy.Nearest:
                var distances = new List<(Message Node, BigInteger Distance)>(nodes.Count);
                foreach (var node in nodes)
                {
                    if (node.Get("wallet") is not AoBinary wallet || !Base64Url.IsHumanId(wallet.Text))
                        return Fail($"a Nearest node needs its wallet address (a 43-character ID): {node}", out error);
                    distances.Add((node, Distance(new BigInteger(Base64Url.Decode(wallet.Text), isUnsigned: true, isBigEndian: true), hash)));
                }
                // OrderBy is stable: of two equally near nodes, the one listed first wins, as in HyperBEAM.
                chosen = distances.OrderBy(d => d.Distance).Take(n).Select(d => d.Node).ToList();
                return true;
            default:
                return Fail($"unknown strategy {strategy}", out error);
        }
    }

    /// <summary>Distance on the 256-bit ring: the shorter way round.</summary>
    public static BigInteger Distance(BigInteger a, BigInteger b)
    {
        var diff = BigInteger.Abs(a - b);
        return BigInteger.Min(diff, Ring - diff);
    }

    private static List<Message> ByBase(int n, BigInteger hash, IReadOnlyList<Message> nodes)
    {
        var remaining = nodes.ToList();
        var chosen = new List<Message>(n);
        for (var i = 0; i < n; i++)
        {
            var at = (int)(hash % remaining.Count);
            chosen.Add(remaining[at]);
            remaining.RemoveAt(at);
        }
        return chosen;
    }

    /// <summary>Weighted draws without replacement (uniform when every weight is 1).</summary>
    private static List<Message> Draw(int n, IReadOnlyList<Message> nodes, Random random, Func<Message, double> weight)
    {
        // Random.Shared is thread-safe and public (not ours to lock); any other instance is locked while drawing.
        if (ReferenceEquals(random, Random.Shared)) return DrawFrom(n, nodes, random, weight);
        lock (random) return DrawFrom(n, nodes, random, weight);
    }

    private static List<Message> DrawFrom(int n, IReadOnlyList<Message> nodes, Random random, Func<Message, double> weight)
    {
        var remaining = nodes.ToList();
        var chosen = new List<Message>(n);
        for (var i = 0; i < n; i++)
        {
            var total = remaining.Sum(weight);
            var at = remaining.Count - 1;
            if (total > 0)
            {
                var point = random.NextDouble() * total;
                for (var j = 0; j < remaining.Count; j++)
                {
                    point -= weight(remaining[j]);
                    if (point < 0) { at = j; break; }
                }
            }
            else
            {
                // Only zero weights are left: any of them, uniformly.
                at = random.Next(remaining.Count);
            }
            chosen.Add(remaining[at]);
            remaining.RemoveAt(at);
        }
        return chosen;
    }

    private static double? Weight(Message node) => node.Get("weight") switch
    {
        AoInteger i => i.Value,
        AoFloat f => f.Value,
        AoBinary b when double.TryParse(b.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    private static bool Fail(string why, out string error)
    {
        error = why;
        return false;
    }
}
