using System.Text;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Tests.Codecs;

/// <summary>
/// Seeded generator of messages with every value type, nesting, empty values, unicode and raw bytes. It avoids the
/// keys httpsig itself writes (content-type, content-digest, body-keys): HyperBEAM lets those overwrite user keys.
/// </summary>
public sealed class RandomMessages(int seed)
{
    private static readonly string[] Words = ["a", "b", "key", "Content-Kind", "x-y", "data", "body", "n", "ünï", "日本", "list", "k_1"];
    private static readonly string[] Texts = ["", "v", "hello world", "with \"quotes\", commas; and = signs", "ünïcødé ✓ 日本語", "tab\there", "back\\slash"];
    private readonly Random _random = new(seed);

    public Message Next(int depth = 0)
    {
        var builder = new MessageBuilder();
        var count = _random.Next(0, depth == 0 ? 7 : 4);
        for (var i = 0; i < count; i++) builder.Set(Key(), Value(depth));
        return builder.Build();
    }

    private string Key() => _random.Next(4) == 0 ? Words[_random.Next(Words.Length)] + _random.Next(100) : Words[_random.Next(Words.Length)];

    private AoValue Value(int depth)
    {
        var kind = _random.Next(depth >= 3 ? 6 : 8);
        return kind switch
        {
            0 => Texts[_random.Next(Texts.Length)],
            1 => new AoInteger(_random.NextInt64(-1_000_000_000_000_000, 1_000_000_000_000_000)),
            2 => new AoFloat((_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-20, 20))),
            3 => _random.Next(3) switch { 0 => AoAtom.True, 1 => AoAtom.False, _ => AoAtom.Of("some_atom") },
            4 => RandomBytes(),
            5 => new AoList(Enumerable.Range(0, _random.Next(0, 4)).Select(_ => ScalarValue()).ToArray()),
            6 => Next(depth + 1),
            _ => new AoList(Enumerable.Range(0, _random.Next(1, 3)).Select(_ => (AoValue)Next(depth + 1)).ToArray()),
        };
    }

    private AoValue ScalarValue() => _random.Next(4) switch
    {
        0 => Texts[_random.Next(Texts.Length)],
        1 => new AoInteger(_random.Next(-1000, 1000)),
        2 => new AoFloat(_random.NextDouble()),
        _ => AoAtom.True,
    };

    private AoBinary RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 40)];
        _random.NextBytes(bytes);
        return new AoBinary(bytes);
    }

    /// <summary>The same content built with keys inserted in another order.</summary>
    public static Message Reordered(Message m)
    {
        var builder = new MessageBuilder();
        foreach (var (k, v) in m.Entries.ToArray().Reverse())
            builder.Set(k, v is Message nested ? Reordered(nested) : v);
        return builder.Build();
    }

    public static string Describe(Message m) => new StringBuilder().Append(m).ToString();
}
