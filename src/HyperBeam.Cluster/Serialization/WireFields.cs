using System.Collections.Immutable;
using HyperBeam.Core.Codecs;
using HyperBeam.Core.Messages;

namespace HyperBeam.Cluster.Serialization;

/// <summary>Reads the fields of a wire record back, with a clear error for a missing or mistyped one.</summary>
internal static class WireFields
{
    public static string Text(Message m, string key) =>
        m.Get(key) is AoBinary b ? b.Text : throw Missing(key, "binary");

    public static string? OptionalText(Message m, string key) => m.Get(key) is AoBinary b ? b.Text : null;

    public static byte[] Bytes(Message m, string key) =>
        m.Get(key) is AoBinary b ? b.ToArray() : throw Missing(key, "binary");

    public static byte[]? OptionalBytes(Message m, string key) => m.Get(key) is AoBinary b ? b.ToArray() : null;

    public static long Long(Message m, string key) =>
        m.Get(key) is AoInteger i ? i.Value : throw Missing(key, "integer");

    public static long? OptionalLong(Message m, string key) => m.Get(key) is AoInteger i ? i.Value : null;

    public static bool Bool(Message m, string key) =>
        m.Get(key) is AoAtom { AsBoolean: { } b } ? b : throw Missing(key, "boolean atom");

    public static Message Msg(Message m, string key) =>
        m.Get(key) as Message ?? throw Missing(key, "message");

    public static AoList List(Message m, string key) =>
        m.Get(key) as AoList ?? throw Missing(key, "list");

    public static ImmutableArray<string> Texts(Message m, string key) =>
        [.. List(m, key).Items.Select(v => v is AoBinary b ? b.Text : throw Missing(key, "list of binaries"))];

    /// <summary>A message from key/value pairs, leaving out the null values (absent optional fields).</summary>
    public static Message Of(params (string Key, object? Value)[] pairs) =>
        Message.Of([.. pairs.Where(p => p.Value is not null)]);

    private static CodecException Missing(string key, string type) =>
        new($"wire record: key '{key}' is missing or not a {type}");
}
