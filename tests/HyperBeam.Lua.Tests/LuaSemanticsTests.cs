using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

/// <summary>The VM is Lua 5.3, as <c>lua@5.3a</c> says (the old engine was 5.4): its arithmetic, libraries and what AOS relies on.</summary>
public sealed class LuaSemanticsTests : IDisposable
{
    private readonly LuaDevice _device = new(FastLimits);

    public void Dispose() => _device.Dispose();

    [Theory]
    [InlineData("return _VERSION", "Lua 5.3")]
    [InlineData("return 3 // 2", "1")]
    [InlineData("return 3 / 2", "1.5")]
    [InlineData("return 3.0 // 2", "1.0")]
    [InlineData("return -7 // 2", "-4")]
    [InlineData("return -7 % 3", "2")]
    [InlineData("return 7 % -3", "-2")]
    [InlineData("return -7.5 % 2", "0.5")]
    [InlineData("return math.type(1)", "integer")]
    [InlineData("return math.type(1.0)", "float")]
    [InlineData("return math.type('1')", "nil")]
    [InlineData("return math.maxinteger + 1 == math.mininteger", "true")]
    [InlineData("return math.mininteger - 1 == math.maxinteger", "true")]
    [InlineData("return math.maxinteger * 2", "-2")]
    [InlineData("return 1 == 1.0", "true")]
    [InlineData("return '10' + 1", "11.0")]
    [InlineData("return 2^53", "9.007199254741e+15")]
    [InlineData("return tostring(math.tointeger(3.0))", "3")]
    [InlineData("return string.format('%5.2f', 3.14159)", " 3.14")]
    [InlineData("return tostring(warn) .. tostring(coroutine.close)", "nilnil")]
    [InlineData("return utf8.char(72, 233)", "Hé")]
    [InlineData("return select('#', table.unpack({1, 2, 3}))", "3")]
    public async Task Lua_5_3_semantics_hold(string body, string expected)
    {
        var result = await ResolverFor(_device).ResolveAsync(Base($"function f() return tostring((function() {body} end)()) end"), "f");
        Assert.True(result.IsOk, result.ErrorMessage);
        Assert.Equal(expected, result.Text());
    }

    [Fact]
    public async Task Integer_division_by_zero_is_a_lua_error_not_a_crash()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("function f() return 1 // 0 end"), "f");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("attempt to divide by zero", result.ErrorMessage);
    }

    [Fact]
    public async Task Require_reads_package_loaded_and_package_preload_never_a_file()
    {
        var script = """
            package.preload["greeting"] = function(name) return { hello = function(who) return "hi " .. who .. " from " .. name end } end
            package.loaded["answer"] = 42
            function f()
              local ok, err = pcall(require, "missing")
              return require("greeting").hello("ao") .. "|" .. require("answer") .. "|" .. tostring(require("greeting") == require("greeting")) .. "|" .. err
            end
            """;
        var result = await ResolverFor(_device).ResolveAsync(Base(script), "f");
        Assert.True(result.IsOk, result.ErrorMessage);
        Assert.StartsWith("hi ao from greeting|42|true|module 'missing' not found in package.loaded or package.preload", result.Text());
    }

    [Fact]
    public async Task Load_runs_eval_text_but_refuses_binary_chunks()
    {
        var script = """
            function eval(base, req) return load(req.code)() end
            function binary()
              local chunk, err = load(string.dump(function() return 1 end), "dumped", "b")
              return tostring(chunk) .. "|" .. err
            end
            """;
        var resolver = ResolverFor(_device);
        var eval = await resolver.ResolveAsync(Base(script), Message.Of(("path", "eval"), ("code", "return 1 + 1")));
        Assert.Equal(new AoInteger(2), eval.Value);
        var binary = await resolver.ResolveAsync(Base(script), "binary");
        Assert.True(binary.IsOk, binary.ErrorMessage);
        Assert.Contains("attempt to load a binary chunk", binary.Text());
    }

    [Fact]
    public async Task Coroutines_yield_and_resume_across_calls()
    {
        var script = """
            Gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * 10) end return "done" end)
            function next_value() return Gen() end
            """;
        var resolver = ResolverFor(_device);
        var values = new List<AoValue>();
        for (var i = 0; i < 4; i++) values.Add((await resolver.ResolveAsync(Base(script), "next_value")).Value);
        Assert.Equal([new AoInteger(10), new AoInteger(20), new AoInteger(30), AoBinary.FromString("done")], values);
    }

    [Fact]
    public async Task Finalizers_run_when_the_collector_frees_their_table()
    {
        var script = """
            Collected = 0
            function f()
              for i = 1, 10 do setmetatable({}, { __gc = function() Collected = Collected + 1 end }) end
              collectgarbage()
              collectgarbage()
              return Collected
            end
            """;
        var result = await ResolverFor(_device).ResolveAsync(Base(script), "f");
        Assert.Equal(new AoInteger(10), result.Value);
    }

    [Fact]
    public async Task Os_time_and_math_random_come_from_the_message_and_the_process_not_the_machine()
    {
        const string script = "function f() return { os.time(), os.date('!%Y-%m-%d', os.time()), math.random(1, 1000000) } end";
        var request = Message.Of(("path", "f"), ("timestamp", 1_700_000_000_000L));
        using var other = new LuaDevice(FastLimits);
        var first = await ResolverFor(_device).ResolveAsync(Base(script), request);
        var second = await ResolverFor(other).ResolveAsync(Base(script), request);
        Assert.True(first.IsOk, first.ErrorMessage);
        var values = Assert.IsType<AoList>(first.Value);
        Assert.Equal(new AoInteger(1_700_000_000), values[0]);
        Assert.Equal(AoBinary.FromString("2023-11-14"), values[1]);
        Assert.Equal(first.Value, second.Value);
    }

    [Fact]
    public async Task Print_and_io_write_go_to_the_calls_output_not_the_nodes_console()
    {
        var original = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var result = await ResolverFor(_device).ResolveAsync(Base("function f() print('hello'); io.write('there'); return 1 end"), "f");
            Assert.Equal(new AoInteger(1), result.Value);
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.DoesNotContain("hello", captured.ToString());
    }
}
