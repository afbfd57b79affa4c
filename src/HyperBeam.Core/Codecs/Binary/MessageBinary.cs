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
        ArgumentNullException.ThrowIfNull(value);
        // Measured first, then written once into an array of exactly that size: no buffer regrown and copied, and
        // no key or atom name turned into a byte array of its own (a journal row is encoded per assignment).
        var bytes = new byte[1 + Size(value, includePriv)];
        bytes[0] = FormatVersion;
        var writer = new Writer(bytes, 1);
        writer.Write(value, includePriv);
        return bytes;
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

    /// <summary>The bytes <see cref="Writer.Write"/> writes for <paramref name="value"/>.</summary>
    private static int Size(AoValue value, bool includePriv)
    {
        switch (value)
        {
            case AoBinary binary:
                return 1 + BytesSize(binary.Length);
            case AoInteger integer:
                return 1 + VarintSize((ulong)((integer.Value << 1) ^ (integer.Value >> 63)));
            case AoFloat:
                return 1 + 8;
            case AoAtom atom:
                return 1 + BytesSize(Encoding.UTF8.GetByteCount(atom.Name));
            case AoList list:
                var listSize = 1 + VarintSize((ulong)list.Count);
                foreach (var item in list.Items) listSize += Size(item, includePriv);
                return listSize;
            case Message message:
                var size = 1 + VarintSize((ulong)message.Count);
                foreach (var (key, item) in message.Entries) size += BytesSize(Encoding.UTF8.GetByteCount(key)) + Size(item, includePriv);
                size += 1;
                if (includePriv && !message.Priv.IsEmpty) size += Size(message.Priv, includePriv);
                return size;
            default:
                throw new CodecException($"binary message: no encoding for {value.TypeName}");
        }
    }

    private static int BytesSize(int length) => VarintSize((ulong)length) + length;

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    /// <summary>Writes values into an array <see cref="Size"/> measured.</summary>
    private ref struct Writer(Span<byte> output, int position)
    {
        private readonly Span<byte> _output = output;
        private int _position = position;

        public void Write(AoValue value, bool includePriv)
        {
            switch (value)
            {
                case AoBinary binary:
                    WriteByte(BinaryTag);
                    WriteBytes(binary.Span);
                    break;
                case AoInteger integer:
                    WriteByte(IntegerTag);
                    WriteVarint((ulong)((integer.Value << 1) ^ (integer.Value >> 63)));
                    break;
                case AoFloat number:
                    WriteByte(FloatTag);
                    BinaryPrimitives.WriteDoubleLittleEndian(_output.Slice(_position, 8), number.Value);
                    _position += 8;
                    break;
                case AoAtom atom:
                    WriteByte(AtomTag);
                    WriteText(atom.Name);
                    break;
                case AoList list:
                    WriteByte(ListTag);
                    WriteVarint((ulong)list.Count);
                    foreach (var item in list.Items) Write(item, includePriv);
                    break;
                case Message message:
                    WriteByte(MessageTag);
                    WriteVarint((ulong)message.Count);
                    foreach (var (key, item) in message.Entries)
                    {
                        WriteText(key);
                        Write(item, includePriv);
                    }
                    var priv = includePriv && !message.Priv.IsEmpty;
                    WriteByte(priv ? (byte)1 : (byte)0);
                    if (priv) Write(message.Priv, includePriv);
                    break;
                default:
                    throw new CodecException($"binary message: no encoding for {value.TypeName}");
            }
        }

        private void WriteByte(byte value) => _output[_position++] = value;

        private void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            WriteVarint((ulong)bytes.Length);
            bytes.CopyTo(_output[_position..]);
            _position += bytes.Length;
        }

        private void WriteText(string text)
        {
            WriteVarint((ulong)Encoding.UTF8.GetByteCount(text));
            _position += Encoding.UTF8.GetBytes(text, _output[_position..]);
        }

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _output[_position++] = (byte)(value | 0x80);
                value >>= 7;
            }
            _output[_position++] = (byte)value;
        }
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
