using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Lua.Conversion;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// Writes AO-Core values in the one binary encoding the Lua engine reads (hb_lua.c), as dev_lua's <c>encode</c>:
/// messages become tables with string keys, lists (and messages keyed exactly <c>1..n</c>) sequences, binaries Lua
/// strings byte for byte, integers and floats keep their subtype, <c>true</c>/<c>false</c> booleans, <c>null</c> nil,
/// other atoms their name.
/// </summary>
internal sealed class LuaWireWriter
{
    public const byte Nil = 0, False = 1, True = 2, Integer = 3, Float = 4, String = 5, Table = 6, List = 7;

    /// <summary>Deeper values than this are refused (the engine refuses them too).</summary>
    public const int MaxDepth = 100;

    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>A buffer kept between calls stays small: one large argument must not pin its size for the VM's life.</summary>
    private const int KeptBytes = 64 * 1024;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>This writer emptied for the next value, or a fresh one when its buffer grew beyond what is worth keeping.</summary>
    public LuaWireWriter Reset()
    {
        if (_buffer.Length > KeptBytes) return new LuaWireWriter();
        _length = 0;
        return this;
    }

    public void WriteCount(int count) => BinaryPrimitives.WriteUInt32LittleEndian(Grow(4), (uint)count);

    public void WriteText(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var span = Grow(5 + length);
        span[0] = String;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], (uint)length);
        Encoding.UTF8.GetBytes(text, span[5..]);
    }

    public void Write(AoValue value) => Write(value, 0);

    private void Write(AoValue value, int depth)
    {
        if (depth > MaxDepth) throw new LuaConversionException($"value nests deeper than {MaxDepth} levels");
        switch (value)
        {
            case AoBinary binary:
            {
                var span = Grow(5 + binary.Length);
                span[0] = String;
                BinaryPrimitives.WriteUInt32LittleEndian(span[1..], (uint)binary.Length);
                binary.Span.CopyTo(span[5..]);
                break;
            }
            case AoInteger integer:
            {
                var span = Grow(9);
                span[0] = Integer;
                BinaryPrimitives.WriteInt64LittleEndian(span[1..], integer.Value);
                break;
            }
            case AoFloat number:
            {
                var span = Grow(9);
                span[0] = Float;
                BinaryPrimitives.WriteDoubleLittleEndian(span[1..], number.Value);
                break;
            }
            case AoAtom atom:
                if (atom.AsBoolean is { } flag) Grow(1)[0] = flag ? True : False;
                else if (atom.Equals(AoAtom.Null)) Grow(1)[0] = Nil;
                else WriteText(atom.Name);
                break;
            case AoList list:
                WriteSequence(list.Items, depth);
                break;
            case Message message when IsNumberedList(message):
                WriteSequence([.. message.Entries.ToArray().OrderBy(e => long.Parse(e.Key, CultureInfo.InvariantCulture)).Select(e => e.Value)], depth);
                break;
            case Message message:
                Grow(1)[0] = Table;
                WriteCount(message.Count);
                foreach (var (key, item) in message.Entries)
                {
                    WriteText(key);
                    Write(item, depth + 1);
                }
                break;
            default:
                throw new LuaConversionException($"no Lua value for a {value.TypeName}");
        }
    }

    private void WriteSequence(IReadOnlyList<AoValue> items, int depth)
    {
        Grow(1)[0] = List;
        WriteCount(items.Count);
        foreach (var item in items) Write(item, depth + 1);
    }

    private Span<byte> Grow(int count)
    {
        if (_length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }

    /// <summary>HyperBEAM's <c>is_ordered_list</c>: a non-empty message whose keys are exactly 1..n.</summary>
    private static bool IsNumberedList(Message message)
    {
        if (message.Count == 0) return false;
        var seen = new bool[message.Count];
        foreach (var (key, _) in message.Entries)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n < 1 || n > seen.Length || seen[n - 1] || key[0] == '0')
                return false;
            seen[n - 1] = true;
        }
        return true;
    }
}
