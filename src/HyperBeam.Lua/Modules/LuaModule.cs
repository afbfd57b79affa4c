namespace HyperBeam.Lua.Modules;

/// <summary>One Lua source to load: a name for error messages (the module's <c>name</c>, its ID, or its position) and the code.</summary>
public sealed record LuaModule(string Name, ReadOnlyMemory<byte> Source);
