using System.Text;
using RocksDbSharp;

namespace HyperBeam.Storage;

/// <summary>
/// How an entry is kept in RocksDB: the key is the path's UTF-8, the value starts with a tag byte, the same
/// numbers HyperBEAM's <c>hb_store_rocksdb</c> uses: 1 link (then the target path), 2 value (then the bytes),
/// 3 group (nothing more: children are found by key prefix, so no group value is rewritten per child).
/// </summary>
internal static class RocksEntry
{
    public const byte LinkTag = 1;
    public const byte ValueTag = 2;
    public const byte GroupTag = 3;

    public static readonly byte[] GroupBytes = [GroupTag];
    public static readonly byte[] ValueTagBytes = [ValueTag];

    public static byte[] Key(StorePath path) => Encoding.UTF8.GetBytes(path.ToString());

    public static byte[] Link(StorePath target)
    {
        var text = target.ToString();
        var bytes = new byte[1 + Encoding.UTF8.GetByteCount(text)];
        bytes[0] = LinkTag;
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(1));
        return bytes;
    }

    /// <summary>The entry as RocksDB holds it, decoded from the value span without copying a value's bytes.</summary>
    public readonly record struct Raw(bool Found, byte Tag, string? LinkText, int Length);

    /// <summary>Reads the tag (and a link's target) straight from RocksDB's buffer.</summary>
    public sealed class RawReader : ISpanDeserializer<Raw>
    {
        public static readonly RawReader Instance = new();

        public Raw Deserialize(ReadOnlySpan<byte> buffer)
        {
            if (buffer.Length == 0) return new Raw(true, 0, null, 0);
            var tag = buffer[0];
            var text = tag == LinkTag ? Encoding.UTF8.GetString(buffer[1..]) : null;
            return new Raw(true, tag, text, buffer.Length);
        }
    }

    /// <summary>Copies a value's bytes (without the tag) out of RocksDB's buffer in one copy.</summary>
    public sealed class ValueReader : ISpanDeserializer<(bool Found, byte Tag, byte[]? Payload)>
    {
        public static readonly ValueReader Instance = new();

        public (bool Found, byte Tag, byte[]? Payload) Deserialize(ReadOnlySpan<byte> buffer) =>
            buffer.Length == 0 ? (true, 0, null) : (true, buffer[0], buffer[0] == ValueTag ? buffer[1..].ToArray() : null);
    }
}
