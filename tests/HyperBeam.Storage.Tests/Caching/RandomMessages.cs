using HyperBeam.Core.Messages;

namespace HyperBeam.Storage.Tests.Caching;

/// <summary>
/// Random messages for property tests: nested messages, every value type, empty binaries, lists and messages,
/// unicode keys and values, raw bytes. Seeded, so a failure names the seed that reproduces it.
/// </summary>
internal sealed class RandomMessages(int seed)
{
    private static readonly string[] KeyPool =
        ["a", "b", "data", "body", "type", "target", "ключ", "名前", "emoji-🎉", "with space", "dash-key", "x1", "1", "2", "id"];

    private static readonly double[] Floats = [0.5, -1.25, 3.0e10, 1.0e-5, 123456.789, -0.0078125];

    private readonly Random _random = new(seed);

    public Message Next() => NextMessage(depth: 0);

    private Message NextMessage(int depth)
    {
        var builder = new MessageBuilder();
        var count = _random.Next(depth == 0 ? 1 : 0, 7);
        for (var i = 0; i < count; i++) builder.Set(Key(), NextValue(depth));
        return builder.Build();
    }

    private AoValue NextValue(int depth) => _random.Next(depth < 3 ? 10 : 7) switch
    {
        0 => AoBinary.FromString(Text()),
        1 => new AoBinary(RawBytes()),
        2 => new AoInteger(_random.NextInt64(-1_000_000_000_000, 1_000_000_000_000)),
        3 => new AoFloat(Floats[_random.Next(Floats.Length)]),
        4 => _random.Next(4) switch { 0 => AoAtom.True, 1 => AoAtom.False, 2 => AoAtom.Null, _ => AoAtom.Of("ok") },
        5 => AoBinary.Empty,
        6 => new AoList(Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Scalar())),
        7 => NextMessage(depth + 1),
        8 => new AoList(Enumerable.Range(0, _random.Next(1, 3)).Select(_ => (AoValue)NextMessage(depth + 1))),
        _ => Message.Empty,
    };

    /// <summary>Values a list may hold inline (a structured-field list item).</summary>
    private AoValue Scalar() => _random.Next(4) switch
    {
        0 => AoBinary.FromString(Text()),
        1 => new AoInteger(_random.Next(-1000, 1000)),
        2 => new AoFloat(Floats[_random.Next(Floats.Length)]),
        _ => AoAtom.True,
    };

    private string Key() => KeyPool[_random.Next(KeyPool.Length)];

    private string Text()
    {
        string[] pieces = ["hello", "wörld", "日本", "🎉", " ", "quote\"d", "line\nbreak", "x"];
        return string.Concat(Enumerable.Range(0, _random.Next(1, 5)).Select(_ => pieces[_random.Next(pieces.Length)]));
    }

    private byte[] RawBytes()
    {
        var bytes = new byte[_random.Next(1, 64)];
        _random.NextBytes(bytes);
        return bytes;
    }
}
