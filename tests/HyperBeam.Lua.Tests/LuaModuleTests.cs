using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

public sealed class LuaModuleTests : IDisposable
{
    private const string ModuleId = "DosEHUAqhl_O5FH3vDqPlgGsG92Guxcm6nrwqnjsDKg";
    private const string CountingScript = "Loads = (Loads or 0) + 1\nfunction loads() return Loads end";

    private readonly LuaDevice _device = new(FastLimits);

    public void Dispose() => _device.Dispose();

    [Fact]
    public async Task An_inline_source_string_is_a_module()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base((AoValue)"function f() return 'inline' end"), "f");
        Assert.Equal("inline", result.Text());
    }

    [Fact]
    public async Task A_module_message_may_carry_its_code_in_data()
    {
        var module = Message.Of(("content-type", "text/x-lua"), ("data", "function f() return 'data' end"));
        var result = await ResolverFor(_device).ResolveAsync(Base(module), "f");
        Assert.Equal("data", result.Text());
    }

    [Fact]
    public async Task A_module_is_loaded_by_id_from_the_cache_once()
    {
        var cache = new InMemoryResolutionCache();
        cache.Add(ModuleId, LuaModule(CountingScript).Set("name", "counting"));
        var resolver = ResolverFor(_device, cache);
        var @base = Base((AoValue)ModuleId);
        Assert.Equal(new AoInteger(1), (await resolver.ResolveAsync(@base, "loads")).Value);
        Assert.Equal(new AoInteger(1), (await resolver.ResolveAsync(@base, "loads")).Value);
        Assert.Equal(1, cache.Loads);
    }

    [Fact]
    public async Task A_missing_module_id_is_a_clear_404()
    {
        var result = await ResolverFor(_device, new InMemoryResolutionCache()).ResolveAsync(Base((AoValue)ModuleId), "f");
        Assert.Equal(ResolveStatus.NotFound, result.Status);
        Assert.Equal(new AoInteger(404), Assert.IsType<Message>(result.Value).Get("status"));
        Assert.Contains($"Lua module '{ModuleId}' not found", result.ErrorMessage);
    }

    [Fact]
    public async Task A_module_id_without_a_cache_says_so()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base((AoValue)ModuleId), "f");
        Assert.Equal(ResolveStatus.NotFound, result.Status);
        Assert.Contains("no cache", result.ErrorMessage);
    }

    [Fact]
    public async Task Several_modules_load_in_order_and_later_ones_see_earlier_ones()
    {
        var modules = AoList.Of(
            LuaModule("Shared = 2\nfunction first() return Shared end"),
            LuaModule("Shared = Shared * 2\nfunction second_script() return 4 end"));
        var resolver = ResolverFor(_device);
        Assert.Equal(new AoInteger(4), (await resolver.ResolveAsync(Base(modules), "first")).Value);
        Assert.Equal(new AoInteger(4), (await resolver.ResolveAsync(Base(modules), "second_script")).Value);
    }

    [Fact]
    public async Task A_message_of_modules_loads_each_of_them()
    {
        var modules = Message.Of(
            ("a", LuaModule("function from_a() return 'a' end")),
            ("b", LuaModule("function from_b() return 'b' end")));
        var resolver = ResolverFor(_device);
        Assert.Equal("a", (await resolver.ResolveAsync(Base(modules), "from_a")).Text());
        Assert.Equal("b", (await resolver.ResolveAsync(Base(modules), "from_b")).Text());
    }

    [Fact]
    public async Task Modules_by_id_and_inline_mix_in_a_list()
    {
        var cache = new InMemoryResolutionCache();
        cache.Add(ModuleId, LuaModule("Base = 10"));
        var modules = AoList.Of(ModuleId, "function plus() return Base + 1 end");
        var result = await ResolverFor(_device, cache).ResolveAsync(Base(modules), "plus");
        Assert.Equal(new AoInteger(11), result.Value);
    }

    [Fact]
    public async Task Each_module_set_is_compiled_once_per_device()
    {
        var resolver = ResolverFor(_device);
        var @base = Base(CountingScript);
        for (var i = 0; i < 3; i++) Assert.Equal(new AoInteger(1), (await resolver.ResolveAsync(@base, "loads")).Value);
        // The same code carried by a different message shares the VM.
        Assert.Equal(new AoInteger(1), (await resolver.ResolveAsync(@base.Set("other", "key"), "loads")).Value);
        Assert.Equal(1, _device.VmCount);
        await resolver.ResolveAsync(Base(CountingScript + "\n-- another"), "loads");
        Assert.Equal(2, _device.VmCount);
    }

    /// <summary>The device remembers the last call's modules; a change of modules or sandbox must never reuse that VM.</summary>
    [Fact]
    public async Task Alternating_module_sets_and_sandboxes_each_run_on_their_own_vm()
    {
        var resolver = ResolverFor(_device);
        var (one, two) = (Base("function which() return 1 end"), Base("function which() return 2 end"));
        var source = "function rep() return string.rep('a', 3) end";
        var (open, hiding) = (Base(source), Base(source, ("sandbox", AoList.Of("string.rep"))));
        for (var round = 0; round < 3; round++)
        {
            Assert.Equal(new AoInteger(1), (await resolver.ResolveAsync(one, "which")).Value);
            Assert.Equal(new AoInteger(2), (await resolver.ResolveAsync(two, "which")).Value);
            Assert.Equal(AoBinary.FromString("aaa"), (await resolver.ResolveAsync(open, "rep")).Value);
            Assert.Contains("sandboxed", (await resolver.ResolveAsync(hiding, "rep")).ErrorMessage);
        }
        Assert.Equal(4, _device.VmCount);
    }

    [Fact]
    public async Task A_syntax_error_is_a_load_error_result()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("function broken( return end"), "broken");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("failed to load", result.ErrorMessage);
        Assert.Equal(0, _device.VmCount);
    }

    [Fact]
    public async Task A_module_whose_top_level_code_fails_is_a_load_error()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("error('cannot start')"), "f");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("cannot start", result.ErrorMessage);
    }

    [Fact]
    public async Task Precompiled_bytecode_is_refused()
    {
        var bytecode = new AoBinary([0x1b, (byte)'L', (byte)'u', (byte)'a', 0x54, 0x00]);
        var result = await ResolverFor(_device).ResolveAsync(Base(Message.Of(("content-type", "application/lua"), ("body", bytecode))), "f");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("binary", result.ErrorMessage);
    }

    [Fact]
    public async Task A_base_without_modules_is_an_error()
    {
        var result = await ResolverFor(_device).ResolveAsync(Message.Of(("device", LuaDevice.DeviceName)), "f");
        Assert.Equal(ResolveStatus.NotFound, result.Status);
        Assert.Contains("no-modules-found", result.ErrorMessage);
    }

    [Fact]
    public async Task A_module_message_without_code_is_an_error()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Message.Of(("content-type", "application/lua"))), "f");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("not loadable", result.ErrorMessage);
    }

    [Fact]
    public async Task A_module_written_to_the_message_cache_loads_by_its_id()
    {
        var messages = new MessageCache(new MemoryStore());
        var id = await messages.WriteAsync(LuaModule("function stored() return 'from the store' end"));
        var resolver = ResolverFor(_device, new StoreResolutionCache(messages));
        var result = await resolver.ResolveAsync(Base((AoValue)id), "stored");
        Assert.Equal("from the store", result.Text());
    }
}
