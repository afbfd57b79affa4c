using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using HyperBeam.Core.Messages;
using HyperBeam.Lua.Conversion;

namespace HyperBeam.Lua.Engine;

/// <summary>
/// Reads values the Lua engine wrote (hb_lua.c), as dev_lua's <c>decode</c>: a table whose keys are exactly 1..n
/// becomes a list, an empty table the empty list (luerl's <c>[]</c>), any other table a message (numeric and boolean
/// keys become their text). Strings stay bytes, integers and floats keep their subtype, booleans become the atoms,
/// nil the atom <c>null</c>.
/// </summary>
internal ref struct LuaWireReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _at;

    public uint ReadCount()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_bytes[_at..]);
        _at += 4;
        return value;
    }

    public AoValue Read() => Read(0);

    public string ReadText() => Read() is AoBinary text ? text.Text : throw new LuaConversionException("expected a string from the Lua engine");

    private AoValue Read(int depth)
    {
        if (depth > LuaWireWriter.MaxDepth + 2) throw new LuaConversionException("value nests too deeply");
        Need(1);
        var tag = _bytes[_at++];
        switch (tag)
        {
            case LuaWireWriter.Nil: return AoAtom.Null;
            case LuaWireWriter.False: return AoAtom.False;
            case LuaWireWriter.True: return AoAtom.True;
            case LuaWireWriter.Integer:
                Need(8);
                var integer = BinaryPrimitives.ReadInt64LittleEndian(_bytes[_at..]);
                _at += 8;
                return new AoInteger(integer);
            case LuaWireWriter.Float:
                Need(8);
                var number = BinaryPrimitives.ReadDoubleLittleEndian(_bytes[_at..]);
                _at += 8;
                return new AoFloat(number);
            case LuaWireWriter.String:
                var length = (int)ReadCount();
                Need(length);
                var bytes = _bytes.Slice(_at, length).ToArray();
                _at += length;
                return new AoBinary(bytes);
            case LuaWireWriter.Table:
                return ReadTable(depth);
            default:
                throw new LuaConversionException($"unknown value tag {tag} from the Lua engine");
        }
    }

    private AoValue ReadTable(int depth)
    {
        var count = (int)ReadCount();
        var entries = new List<(object Key, AoValue Value)>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            object key = Read(depth + 1) switch
            {
                AoBinary text => text.Text,
                AoInteger n => n.Value,
                AoFloat f => f.Value.ToString("R", CultureInfo.InvariantCulture),
                AoAtom atom when atom.AsBoolean is { } flag => flag ? "true" : "false",
                var other => throw new LuaConversionException($"a {other.TypeName} key cannot become a message key"),
            };
            entries.Add((key, Read(depth + 1)));
        }
        if (entries.Count == 0) return AoList.Empty;
        if (IsSequence(entries))
        {
            var items = new AoValue[entries.Count];
            foreach (var (key, value) in entries) items[(long)key - 1] = value;
            return new AoList(items);
        }
        var builder = new MessageBuilder();
        foreach (var (key, value) in entries)
            builder.Set(key is long n ? n.ToString(CultureInfo.InvariantCulture) : (string)key, value);
        return builder.Build();
    }

    private static bool IsSequence(List<(object Key, AoValue Value)> entries)
    {
        foreach (var (key, _) in entries)
            if (key is not long n || n < 1 || n > entries.Count) return false;
        // Lua keys are unique, so n distinct integers within 1..n are exactly 1..n.
        return true;
    }

    private readonly void Need(int count)
    {
        if (count < 0 || _bytes.Length - _at < count) throw new LuaConversionException("truncated value from the Lua engine");
    }
}
