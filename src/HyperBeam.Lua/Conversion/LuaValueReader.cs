using System.Globalization;
using System.Text;
using HyperBeam.Core.Messages;
using KeraLua;
using LuaState = KeraLua.Lua;

namespace HyperBeam.Lua.Conversion;

/// <summary>
/// Reads a Lua value into an AO-Core value, as dev_lua's <c>decode</c>: a table whose keys are exactly 1..n becomes
/// a list, an empty table the empty list (luerl's <c>[]</c>), any other table a message (numeric and boolean keys
/// become their text). Strings stay bytes (non-UTF-8 survives), integers and floats keep their subtype, booleans
/// become the atoms, nil the atom <c>null</c>. Functions, userdata, threads and cyclic tables cannot cross.
/// Only raw reads are used: no metamethod runs on the host side.
/// </summary>
public static class LuaValueReader
{
    public static AoValue Read(LuaState lua, int index)
    {
        var visiting = new HashSet<IntPtr>();
        return Read(lua, lua.AbsIndex(index), visiting, 0, "value");
    }

    private static AoValue Read(LuaState lua, int index, HashSet<IntPtr> visiting, int depth, string where)
    {
        switch (lua.Type(index))
        {
            case LuaType.None:
            case LuaType.Nil:
                return AoAtom.Null;
            case LuaType.Boolean:
                return lua.ToBoolean(index) ? AoAtom.True : AoAtom.False;
            case LuaType.Number:
                return lua.IsInteger(index) ? new AoInteger(lua.ToInteger(index)) : new AoFloat(lua.ToNumber(index));
            case LuaType.String:
                return new AoBinary(lua.ToBuffer(index, false) ?? []);
            case LuaType.Table:
                return ReadTable(lua, index, visiting, depth, where);
            case var other:
                throw new LuaConversionException($"a Lua {other.ToString().ToLowerInvariant()} at {where} cannot become an AO-Core value");
        }
    }

    private static AoValue ReadTable(LuaState lua, int index, HashSet<IntPtr> visiting, int depth, string where)
    {
        if (depth > LuaValueWriter.MaxDepth) throw new LuaConversionException($"table at {where} nests deeper than {LuaValueWriter.MaxDepth} levels");
        var identity = lua.ToPointer(index);
        if (!visiting.Add(identity)) throw new LuaConversionException($"table at {where} contains itself");
        if (!lua.CheckStack(4)) throw new LuaConversionException("the Lua stack cannot grow for this value");
        try
        {
            var entries = new List<(object Key, AoValue Value)>();
            lua.PushNil();
            while (lua.Next(index))
            {
                // Key at -2, value at -1. The key is only inspected (never converted in place) so Next keeps working.
                var key = ReadKey(lua, -2, where);
                var item = Read(lua, lua.AbsIndex(-1), visiting, depth + 1, $"{where}.{key}");
                entries.Add((key, item));
                lua.Pop(1);
            }
            return Assemble(entries);
        }
        finally
        {
            visiting.Remove(identity);
        }
    }

    private static object ReadKey(LuaState lua, int index, string where) => lua.Type(index) switch
    {
        LuaType.String => Encoding.UTF8.GetString(lua.ToBuffer(index, false) ?? []),
        LuaType.Number when lua.IsInteger(index) => lua.ToInteger(index),
        LuaType.Number => lua.ToNumber(index).ToString("R", CultureInfo.InvariantCulture),
        LuaType.Boolean => lua.ToBoolean(index) ? "true" : "false",
        var other => throw new LuaConversionException($"a Lua {other.ToString().ToLowerInvariant()} key in the table at {where} cannot become a message key"),
    };

    private static AoValue Assemble(List<(object Key, AoValue Value)> entries)
    {
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
}
