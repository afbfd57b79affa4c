namespace HyperBeam.Lua.Vm;

/// <summary>An async operation a host callback waited for failed; the callback reports it to Lua as an error value.</summary>
internal sealed class LuaHostCallException(Exception inner) : Exception(inner.Message, inner);
