namespace HyperBeam.Lua.Conversion;

/// <summary>A value that has no counterpart on the other side (a Lua function, a cyclic table, a too deep nest).</summary>
public sealed class LuaConversionException(string message) : Exception(message);
