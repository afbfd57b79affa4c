using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

public sealed class LuaAoLibraryTests : IDisposable
{
    private const string Script = """
        function singleton()
          local status, res = ao.resolve({ path = "/hello", hello = "Hello, AO world!" })
          return res
        end

        function with_path(base, req)
          local status, res = ao.resolve(req.target, "a/b")
          return status .. ":" .. tostring(res)
        end

        function missing(base, req)
          local status, res = ao.resolve({ path = "/absent", present = 1 })
          return status
        end

        function sequence()
          local status, res = ao.resolve({ x = { y = "deep" } }, { path = "x" }, { path = "y" })
          return res
        end

        function setter(base, req)
          local updated = ao.set(req.target, "added", 7)
          local many = ao.set(updated, { more = "yes" })
          return many
        end

        function getter(base, req)
          return { found = ao.get(req.target, "k"), absent = ao.get(req.target, "nope") == nil }
        end

        function events()
          return ao.event("group", { "something", 1, print })
        end

        function bad_call()
          return ao.resolve()
        end

        function in_coroutine()
          local co = coroutine.wrap(function()
            local status, res = ao.resolve({ path = "/v", v = "from a coroutine" })
            coroutine.yield(res)
          end)
          return co()
        end

        function count(base)
          return (base.n or 0) + 1
        end

        function reenter(base)
          -- Resolves a key on a message run by this same script: a nested call on the same VM.
          local status, res = ao.resolve({ device = "lua@5.3a", module = base.module, process = base.process, n = 41 }, "count")
          return res
        end

        function deep(base, req)
          local n = req.n or 0
          if n >= 3 then return n end
          local status, res = ao.resolve(base, { path = "deep", n = n + 1 })
          return res
        end
        """;

    private readonly LuaDevice _device = new(FastLimits);

    public void Dispose() => _device.Dispose();

    [Fact]
    public async Task Ao_resolve_on_a_singleton_message_resolves_its_path()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), "singleton");
        Assert.Equal("Hello, AO world!", result.Text());
    }

    [Fact]
    public async Task Ao_resolve_with_a_base_and_a_path_walks_the_path()
    {
        var target = Message.Of(("a", Message.Of(("b", "found"))));
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), Message.Of(("path", "with_path"), ("target", target)));
        Assert.Equal("ok:found", result.Text());
    }

    [Fact]
    public async Task Ao_resolve_reports_the_status_of_a_failed_resolution()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), "missing");
        Assert.Equal("not_found", result.Text());
    }

    [Fact]
    public async Task Ao_resolve_with_several_messages_resolves_them_in_sequence()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), "sequence");
        Assert.Equal("deep", result.Text());
    }

    [Fact]
    public async Task Ao_set_sets_one_key_or_many()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), Message.Of(("path", "setter"), ("target", Message.Of(("k", "v")))));
        Assert.Equal(Message.Of(("k", "v"), ("added", 7), ("more", "yes")), result.Value);
    }

    [Fact]
    public async Task Ao_get_returns_the_value_or_nil()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), Message.Of(("path", "getter"), ("target", Message.Of(("k", "v")))));
        Assert.Equal(Message.Of(("found", "v"), ("absent", true)), result.Value);
    }

    [Fact]
    public async Task Ao_event_accepts_anything_and_answers_ok()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), "events");
        Assert.Equal("ok", result.Text());
    }

    [Fact]
    public async Task A_malformed_ao_resolve_call_returns_an_error_status_to_lua()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), "bad_call");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("ao.resolve", result.Text());
    }

    [Fact]
    public async Task Ao_resolve_works_inside_a_coroutine()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), "in_coroutine");
        Assert.Equal("from a coroutine", result.Text());
    }

    [Fact]
    public async Task A_script_resolving_a_key_on_its_own_vm_does_not_deadlock()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), "reenter");
        Assert.Equal(new AoInteger(42), result.Value);
        Assert.Equal(1, _device.VmCount);
    }

    [Fact]
    public async Task Nested_calls_on_the_same_vm_can_recurse_several_levels()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Script), "deep");
        Assert.Equal(new AoInteger(3), result.Value);
    }

    [Fact]
    public async Task Ao_resolve_reaches_other_devices_through_the_resolver()
    {
        // A lua message calling a key of another lua script: two VMs, each on its own thread.
        var other = Base("function answer() return 'from the other script' end");
        var script = "function ask(base, req) local s, r = ao.resolve(req.other, 'answer'); return r end";
        var result = await ResolverFor(_device).ResolveAsync(Base(script), Message.Of(("path", "ask"), ("other", other)));
        Assert.Equal("from the other script", result.Text());
        Assert.Equal(2, _device.VmCount);
    }

    [Fact]
    public async Task The_ao_table_a_module_defines_keeps_its_fields_next_to_the_library()
    {
        var script = "ao = { version = 'mine' }\nfunction f() return ao.version .. ':' .. type(ao.resolve) end";
        var result = await ResolverFor(_device).ResolveAsync(Base(script), "f");
        Assert.Equal("mine:function", result.Text());
    }
}
