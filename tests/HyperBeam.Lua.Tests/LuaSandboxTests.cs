using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

public sealed class LuaSandboxTests : IDisposable
{
    private readonly LuaDevice _device = new(FastLimits);

    public void Dispose() => _device.Dispose();

    [Theory]
    [InlineData("io.open('/etc/passwd')", "io.open")]
    [InlineData("file.open('x')", "file.open")]
    [InlineData("os.execute('true')", "os.execute")]
    [InlineData("os.exit(1)", "os.exit")]
    [InlineData("os.getenv('PWD')", "os.getenv")]
    [InlineData("os.remove('/tmp/nothing')", "os.remove")]
    [InlineData("os.rename('/tmp/a', '/tmp/b')", "os.rename")]
    [InlineData("os.tmpname()", "os.tmpname")]
    [InlineData("package.loadlib('x', 'y')", "package.loadlib")]
    [InlineData("loadfile('/etc/passwd')", "loadfile")]
    [InlineData("dofile('/etc/passwd')", "dofile")]
    [InlineData("loadstring('return 1')", "loadstring")]
    [InlineData("debug.sethook()", "debug.sethook")]
    [InlineData("debug.getinfo(1)", "debug.getinfo")]
    public async Task A_sandboxed_name_raises_a_clear_error(string call, string name)
    {
        var result = await ResolverFor(_device).ResolveAsync(Base($"function attempt() return {call} end"), "attempt");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains($"'{name}' is not available: sandboxed by lua@5.3a", result.ErrorMessage);
    }

    /// <summary>The device a node makes with no options (and the factory compute workers use) is sandboxed the same way.</summary>
    [Fact]
    public async Task A_device_with_default_options_is_sandboxed()
    {
        Assert.Equal(LuaOptions.DefaultSandboxedNames, LuaOptions.Default.SandboxedNames);
        using var device = (LuaDevice)LuaDevice.CreateFactory()();
        var result = await ResolverFor(device).ResolveAsync(Base("function attempt() return os.execute('true') end"), "attempt");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("'os.execute' is not available", result.ErrorMessage);
    }

    [Fact]
    public async Task Module_top_level_code_is_sandboxed_too()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("Home = os.getenv('HOME')\nfunction f() return Home end"), "f");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("sandboxed", result.ErrorMessage);
    }

    [Fact]
    public async Task Harmless_libraries_stay_available()
    {
        var script = """
            function f()
              local t = { 3, 1, 2 }
              table.sort(t)
              return string.format("%d-%s-%d-%s", math.max(t[1], t[3]), string.upper("ok"), utf8.len("hé"), type(os.time()))
            end
            """;
        var result = await ResolverFor(_device).ResolveAsync(Base(script), "f");
        Assert.Equal("3-OK-2-number", result.Text());
    }

    [Fact]
    public async Task With_the_sandbox_off_the_names_work_but_debug_stays_hidden()
    {
        using var open = new LuaDevice(FastLimits with { Sandbox = false });
        var resolver = ResolverFor(open);
        var getenv = await resolver.ResolveAsync(Base("function f() return type(os.getenv) end"), "f");
        Assert.Equal("function", getenv.Text());
        var debug = await resolver.ResolveAsync(Base("function f() return debug.sethook() end"), "f");
        Assert.Contains("sandboxed", debug.ErrorMessage);
    }

    [Fact]
    public async Task The_sandboxed_list_can_be_replaced_by_the_operator()
    {
        using var custom = new LuaDevice(FastLimits with { SandboxedNames = ["string.rep"] });
        var resolver = ResolverFor(custom);
        Assert.Contains("sandboxed", (await resolver.ResolveAsync(Base("function f() return string.rep('a', 3) end"), "f")).ErrorMessage);
        Assert.Equal("function", (await resolver.ResolveAsync(Base("function f() return type(load) end"), "f")).Text());
    }

    [Fact]
    public async Task A_base_message_can_hide_more_names_but_not_unhide_any()
    {
        var resolver = ResolverFor(_device);
        var hidden = await resolver.ResolveAsync(Base("function f() return string.rep('a', 3) end", ("sandbox", AoList.Of("string.rep"))), "f");
        Assert.Contains("'string.rep' is not available", hidden.ErrorMessage);
        var notUnhidden = await resolver.ResolveAsync(Base("function f() return os.getenv('PWD') end", ("sandbox", false)), "f");
        Assert.Contains("sandboxed", notUnhidden.ErrorMessage);
    }

    /// <summary>What AOS needs stays available (unlike the 5.4 engine's sandbox): the engine makes each of them safe.</summary>
    [Theory]
    [InlineData("return type(require('string').rep)", "function")]
    [InlineData("return load('return 1 + 1')()", "2")]
    [InlineData("return io.write('x') == io and 'io' or 'other'", "io")]
    [InlineData("return type(package.loaded) .. type(package.preload)", "tabletable")]
    public async Task Require_load_and_io_write_are_available_in_their_safe_forms(string body, string expected)
    {
        var result = await ResolverFor(_device).ResolveAsync(Base($"function attempt() {body} end"), "attempt");
        Assert.True(result.IsOk, result.ErrorMessage);
        Assert.Equal(expected, result.Value is AoInteger n ? n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : result.Text());
    }

    [Fact]
    public async Task A_sandboxed_library_cannot_be_written_to()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("function f() file.open = print; return 1 end"), "f");
        Assert.Contains("sandboxed", result.ErrorMessage);
    }
}
