using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Codecs.Binary;

/// <summary>
/// A compact, lossless, versioned binary form of any <see cref="AoValue"/> for the node's own durable and wire data
/// (persisted events, snapshots, cluster messages). Unlike the AO codecs it keeps every type exactly and optionally the
/// private part, and its layout never changes within a format version: bytes written by one release must read back in
/// the next, which the golden-bytes tests pin down.
/// Layout: a format byte (1), then a value: tag byte, then binary/atom = varint length + bytes, integer = zig-zag
/// varint, float = 8 bytes IEEE little-endian, list = varint count + values, message = varint count + (key, value)
/// pairs in the message's order + a private-part flag (0/1) and, if 1, the private message.
/// </summary>
public static class MessageBinary
{
    public const byte FormatVersion = 1;

    private const byte BinaryTag = 0, IntegerTag = 1, FloatTag = 2, AtomTag = 3, ListTag = 4, MessageTag = 5;

    /// <summary>Deeper nesting than this is refused on read, so hostile bytes cannot exhaust the stack.</summary>
    public const int MaxDepth = 256;

    public static byte[] Encode(AoValue value, bool includePriv = false)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.GetSpan(1)[0] = FormatVersion;
        buffer.Advance(1);
        Write(buffer, value, includePriv);
        return buffer.WrittenSpan.ToArray();
    }

    public static AoValue Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) throw new CodecException("binary message: empty input");
        if (bytes[0] != FormatVersion) throw new CodecException($"binary message: unknown format version {bytes[0]}");
        var reader = new Reader(bytes[1..]);
        var value = reader.ReadValue(0);
        if (!reader.AtEnd) throw new CodecException("binary message: trailing bytes after the value");
        return value;
    }

    public static Message DecodeMessage(ReadOnlySpan<byte> bytes) =>
        Decode(bytes) as Message ?? throw new CodecException("binary message: the value is not a message");

    private static void Write(IBufferWriter<byte> output, AoValue value, bool includePriv)
    {
        switch (value)
        {
            case AoBinary binary:
                WriteTag(output, BinaryTag);
                WriteBytes(output, binary.Span);
                break;
            case AoInteger integer:
                WriteTag(output, IntegerTag);
                WriteVarint(output, (ulong)((integer.Value << 1) ^ (integer.Value >> 63)));
                break;
            case AoFloat number:
                WriteTag(output, FloatTag);
                BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), number.Value);
                output.Advance(8);
                break;
            case AoAtom atom:
                WriteTag(output, AtomTag);
                WriteBytes(output, Encoding.UTF8.GetBytes(atom.Name));
                break;
            case AoList list:
                WriteTag(output, ListTag);
                WriteVarint(output, (ulong)list.Count);
                foreach (var item in list.Items) Write(output, item, includePriv);
                break;
            case Message message:
                WriteTag(output, MessageTag);
                WriteVarint(output, (ulong)message.Count);
                foreach (var (key, item) in message.Entries)
                {
                    WriteBytes(output, Encoding.UTF8.GetBytes(key));
                    Write(output, item, includePriv);
                }
                var priv = includePriv && !message.Priv.IsEmpty;
                WriteTag(output, priv ? (byte)1 : (byte)0);
                if (priv) Write(output, message.Priv, includePriv);
                break;
            default:
                throw new CodecException($"binary message: no encoding for {value.TypeName}");
        }
    }

    private static void WriteTag(IBufferWriter<byte> output, byte tag)
    {
        output.GetSpan(1)[0] = tag;
        output.Advance(1);
    }

    private static void WriteBytes(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        WriteVarint(output, (ulong)bytes.Length);
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static void WriteVarint(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        output.Advance(i);
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public readonly bool AtEnd => _position == _bytes.Length;

        public AoValue ReadValue(int depth)
        {
            if (depth > MaxDepth) throw new CodecException($"binary message: nesting deeper than {MaxDepth}");
            var tag = ReadByte();
            switch (tag)
            {
                case BinaryTag:
                    return new AoBinary(ReadBytes().ToArray());
                case IntegerTag:
                    var zigzag = ReadVarint();
                    return new AoInteger((long)(zigzag >> 1) ^ -(long)(zigzag & 1));
                case FloatTag:
                    return new AoFloat(BinaryPrimitives.ReadDoubleLittleEndian(Take(8)));
                case AtomTag:
                    var name = ReadBytes();
                    if (name.IsEmpty) throw new CodecException("binary message: empty atom");
                    return AoAtom.Of(Encoding.UTF8.GetString(name));
                case ListTag:
                    var count = ReadCount();
                    var items = new AoValue[count];
                    for (var i = 0; i < count; i++) items[i] = ReadValue(depth + 1);
                    return AoList.Of(items);
                case MessageTag:
                    var keys = ReadCount();
                    var builder = new MessageBuilder();
                    for (var i = 0; i < keys; i++)
                    {
                        var key = Encoding.UTF8.GetString(ReadBytes());
                        builder.Set(key, ReadValue(depth + 1));
                    }
                    var message = builder.Build();
                    return ReadByte() switch
                    {
                        0 => message,
                        1 => message.WithPriv(ReadValue(depth + 1) as Message ?? throw new CodecException("binary message: private part is not a message")),
                        var flag => throw new CodecException($"binary message: bad private-part flag {flag}"),
                    };
                default:
                    throw new CodecException($"binary message: unknown tag {tag}");
            }
        }

        private int ReadCount()
        {
            var count = ReadVarint();
            // Every element takes at least one byte, so a count beyond what is left is corrupt, not a reason to allocate.
            if (count > (ulong)(_bytes.Length - _position)) throw new CodecException("binary message: count beyond the input");
            return (int)count;
        }

        private byte ReadByte()
        {
            if (_position >= _bytes.Length) throw new CodecException("binary message: truncated");
            return _bytes[_position++];
        }

        private ReadOnlySpan<byte> ReadBytes() => Take(ReadCount());

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length > _bytes.Length - _position) throw new CodecException("binary message: truncated");
            var slice = _bytes.Slice(_position, length);
            _position += length;
            return slice;
        }

        private ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 70; shift += 7)
            {
                var b = ReadByte();
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
            throw new CodecException("binary message: varint too long");
        }
    }
}
