using System.Text;
using HyperBeam.Core.Messages;
using LuaState = KeraLua.Lua;

namespace HyperBeam.Lua.Conversion;

/// <summary>
/// Pushes AO-Core values onto a Lua stack, as dev_lua's <c>encode</c>: messages become tables with string keys,
/// lists (and messages keyed exactly <c>1..n</c>) become sequences, binaries become Lua strings byte for byte,
/// integers and floats keep their subtype, <c>true</c>/<c>false</c> become booleans, <c>null</c> nil and other atoms their name.
/// Only raw table writes are used, so no metamethod (and so no Lua error) can run while the host pushes.
/// </summary>
public static class LuaValueWriter
{
    /// <summary>Deeper values than this are refused rather than risking the native stack.</summary>
    public const int MaxDepth = 100;

    public static void Push(LuaState lua, AoValue value) => Push(lua, value, 0);

    private static void Push(LuaState lua, AoValue value, int depth)
    {
        if (depth > MaxDepth) throw new LuaConversionException($"value nests deeper than {MaxDepth} levels");
        if (!lua.CheckStack(4)) throw new LuaConversionException("the Lua stack cannot grow for this value");
        switch (value)
        {
            case AoBinary binary:
                lua.PushBuffer(binary.ToArray());
                break;
            case AoInteger integer:
                lua.PushInteger(integer.Value);
                break;
            case AoFloat number:
                lua.PushNumber(number.Value);
                break;
            case AoAtom atom:
                if (atom.AsBoolean is { } flag) lua.PushBoolean(flag);
                else if (atom.Equals(AoAtom.Null)) lua.PushNil();
                else PushText(lua, atom.Name);
                break;
            case AoList list:
                PushSequence(lua, list.Items, depth);
                break;
            case Message message when IsNumberedList(message):
                PushSequence(lua, [.. message.Entries.ToArray().OrderBy(e => long.Parse(e.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Value)], depth);
                break;
            case Message message:
                lua.CreateTable(0, message.Count);
                foreach (var (key, item) in message.Entries)
                {
                    PushText(lua, key);
                    Push(lua, item, depth + 1);
                    lua.RawSet(-3);
                }
                break;
            default:
                throw new LuaConversionException($"no Lua value for a {value.TypeName}");
        }
    }

    public static void PushText(LuaState lua, string text) => lua.PushBuffer(Encoding.UTF8.GetBytes(text));

    private static void PushSequence(LuaState lua, IReadOnlyList<AoValue> items, int depth)
    {
        lua.CreateTable(items.Count, 0);
        for (var i = 0; i < items.Count; i++)
        {
            Push(lua, items[i], depth + 1);
            lua.RawSetInteger(-2, i + 1);
        }
    }

    /// <summary>HyperBEAM's <c>is_ordered_list</c>: a non-empty message whose keys are exactly 1..n.</summary>
    private static bool IsNumberedList(Message message)
    {
        if (message.Count == 0) return false;
        var seen = new bool[message.Count];
        foreach (var (key, _) in message.Entries)
        {
            if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                || n < 1 || n > seen.Length || seen[n - 1] || key[0] == '0')
                return false;
            seen[n - 1] = true;
        }
        return true;
    }
}
