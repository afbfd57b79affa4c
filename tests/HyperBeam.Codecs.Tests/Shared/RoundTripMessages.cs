using HyperBeam.Core.Messages;

namespace HyperBeam.Codecs.Tests.Shared;

/// <summary>
/// The messages every codec must carry unchanged: nesting, every value type, empty values, bytes that are not
/// UTF-8, unicode keys and values, large values. None holds a newline or ": " in a value, the two things flat@1.0
/// cannot carry; codecs that can are tested with those separately.
/// </summary>
public static class RoundTripMessages
{
    private static readonly Dictionary<string, Message> ByName = Build();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var name in ByName.Keys) data.Add(name);
        return data;
    }

    public static Message Get(string name) => ByName[name];

    /// <summary>All but the large message: seeds for fuzzing, where speed matters.</summary>
    public static IEnumerable<Message> Small() => ByName.Where(p => p.Key != "large_values").Select(p => p.Value);

    private static Dictionary<string, Message> Build() => new()
    {
        ["empty"] = Message.Empty,
        ["binaries"] = Message.Of(("a", "1"), ("b", "hello world"), ("c", "with \"quotes\", commas; = signs and \\ back\\slash"), ("tab", "a\tb")),
        ["nested"] = Message.Of(("a", Message.Of(("b", Message.Of(("c", "d"))), ("e", "f"))), ("x", "y")),
        ["integers"] = Message.Of(("zero", 0), ("negative", -42), ("large", 999_999_999_999_999_999L), ("max", long.MaxValue), ("min", long.MinValue)),
        ["floats"] = Message.Of(("half", 3.5), ("negative", -0.25), ("tiny", 1e-300), ("huge", double.MaxValue), ("third", 1.0 / 3)),
        ["atoms"] = Message.Of(("t", true), ("f", false), ("n", AoAtom.Null), ("other", AoAtom.Of("some_atom")), ("unicode", AoAtom.Of("ünï"))),
        ["lists"] = Message.Of(
            ("mixed", AoList.Of(1, "two", 3.5, true, AoAtom.Of("x"))),
            ("nested", AoList.Of(AoList.Of(1, 2), AoList.Of("three"))),
            ("messages", AoList.Of(Message.Of(("a", "1")), Message.Of(("b", AoList.Of(2, 3))))),
            ("strings", AoList.Of("x", "with \"quote\"", ""))),
        ["empty_values"] = Message.Of(
            ("binary", ""), ("list", AoList.Empty), ("message", Message.Empty),
            ("inner", Message.Of(("binary", ""), ("message", Message.Empty), ("list", AoList.Empty)))),
        ["non_utf8"] = Message.Of(
            ("raw", new byte[] { 0xFF, 0xFE, 0x00, 0x80, 0xC3, 0x28 }),
            ("list", AoList.Of(new AoBinary([0xFF, 0x01]), "text", 7)),
            ("inner", Message.Of(("raw", new byte[] { 0xC3, 0x28 }), ("text", "fine")))),
        ["unicode"] = Message.Of(("ünïcødé", "日本語 ✓"), ("emoji", "😀 🎉"), ("日本", "値"), ("nested", Message.Of(("κλειδί", "τιμή")))),
        ["id_shaped_key"] = Message.Of(("dGhpcy1pcy1hLTQzLWNoYXJhY3Rlci1tZXNzYWdlLUlE", "case kept"), ("other", "v")),
        ["deep"] = Deep(30),
        ["large_values"] = Message.Of(("text", new string('x', 1 << 20)), ("bytes", RandomBytesWithoutSeparators(64 * 1024)), ("small", "s")),
    };

    private static Message Deep(int levels)
    {
        var message = Message.Of(("leaf", "bottom"), ("n", levels));
        for (var i = levels - 1; i > 0; i--) message = Message.Of(("level", message), ("n", i));
        return message;
    }

    /// <summary>Random bytes (mostly not UTF-8) with no '\n' or ':' so that flat@1.0 can carry them.</summary>
    private static byte[] RandomBytesWithoutSeparators(int length)
    {
        var bytes = new byte[length];
        new Random(20240611).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] is (byte)'\n' or (byte)':') bytes[i] = 0xFF;
        return bytes;
    }
}
