namespace HyperBeam.Lua.Vm;

/// <summary>
/// Lua source the host runs in every new VM: the sandbox (before any module) and the <c>functions</c> listing. The
/// instruction budget needs no Lua here: Wasmtime fuel meters the whole engine.
/// </summary>
internal static class LuaGuardScripts
{
    /// <summary>
    /// Replaces one dotted name (argument) with a function that raises a clear error; a library table becomes a
    /// table whose every field raises that error.
    /// </summary>
    public const string Sandbox = """
        local name = ...
        local message = "'" .. name .. "' is not available: sandboxed by lua@5.3a"
        local function deny() error(message, 2) end
        local function denyfield(_, k)
          error("'" .. name .. "." .. tostring(k) .. "' is not available: sandboxed by lua@5.3a", 2)
        end
        local parts = {}
        for part in string.gmatch(name, "[^%.]+") do parts[#parts + 1] = part end
        local parent = _G
        for i = 1, #parts - 1 do
          parent = rawget(parent, parts[i])
          if type(parent) ~= "table" then return end
        end
        local leaf = parts[#parts]
        if type(rawget(parent, leaf)) == "function" then
          rawset(parent, leaf, deny)
        else
          -- A library, or a name this Lua lacks (file, loadstring): calling or indexing it raises.
          rawset(parent, leaf, setmetatable({}, {
            __index = denyfield, __newindex = deny, __call = deny, __metatable = false,
          }))
        end
        """;

    /// <summary>Lists the names of the global functions (HyperBEAM's <c>functions</c> key).</summary>
    public const string Functions = """
        local names = {}
        for k, v in pairs(_G) do
          if type(v) == "function" and type(k) == "string" then names[#names + 1] = k end
        end
        table.sort(names)
        return names
        """;
}
