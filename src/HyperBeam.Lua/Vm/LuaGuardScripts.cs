namespace HyperBeam.Lua.Vm;

/// <summary>
/// Lua source the host runs in every new VM before any module. The budget and the sandbox are written in Lua on
/// purpose: their errors are raised by Lua itself, so no error ever has to unwind through a .NET frame.
/// </summary>
internal static class LuaGuardScripts
{
    /// <summary>
    /// Installs the instruction budget (a count hook) and returns <c>{reset, exceeded, onerror}</c>. Once the budget
    /// is spent the hook fires on every instruction, so a script that catches the error with <c>pcall</c> is stopped
    /// again at its next instruction, and so is the main thread when a coroutine spent it. Coroutines get the hook
    /// too (Lua does not copy a Lua-level hook to them).
    /// Argument: the check interval.
    /// </summary>
    public const string Budget = """
        local step = ...
        local sethook, traceback, error = debug.sethook, debug.traceback, error
        local cocreate, coresume, running = coroutine.create, coroutine.resume, coroutine.running
        local pack, unpack = table.pack, table.unpack
        local budget, used, main = 0, 0, nil
        local hook
        hook = function()
          used = used + step
          if used > budget then
            sethook(hook, "", 1)
            if main ~= running() then sethook(main, hook, "", 1) end
            error("lua@5.3a: instruction budget exceeded", 0)
          end
        end
        local function create(f)
          local co = cocreate(f)
          sethook(co, hook, "", step)
          return co
        end
        coroutine.create = create
        coroutine.wrap = function(f)
          local co = create(f)
          return function(...)
            local r = pack(coresume(co, ...))
            if r[1] then return unpack(r, 2, r.n) end
            error(r[2], 0)
          end
        end
        return {
          reset = function(b) budget = b; used = 0; main = running(); sethook(hook, "", step) end,
          exceeded = function() return used > budget end,
          onerror = function(e) return { e, traceback(nil, 2) } end,
        }
        """;

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
