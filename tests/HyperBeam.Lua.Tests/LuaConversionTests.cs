using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Lua.Conversion;
using HyperBeam.Lua.Engine;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

public sealed class LuaConversionTests : IDisposable
{
    private readonly LuaDevice _device = new(FastLimits);

    public void Dispose() => _device.Dispose();

    public static TheoryData<string, AoValue> RoundTripValues => new()
    {
        { "text", AoBinary.FromString("héllo wörld") },
        { "empty binary", AoBinary.Empty },
        { "non-UTF-8 bytes", new AoBinary([0xff, 0x00, 0xfe, 0x80, 0x41]) },
        { "integer", new AoInteger(-9_007_199_254_740_993) },
        { "float", new AoFloat(2.5) },
        { "integral float", new AoFloat(2.0) },
        { "true", AoAtom.True },
        { "false", AoAtom.False },
        { "list", AoList.Of(1, "two", 3.5, AoAtom.True) },
        { "nested message", Message.Of(("a", Message.Of(("b", AoList.Of(Message.Of(("c", 1)))))), ("d", "e")) },
        { "list of lists", AoList.Of(AoList.Of(1, 2), AoList.Of(3)) },
    };

    [Theory]
    [MemberData(nameof(RoundTripValues))]
    public async Task A_value_survives_the_trip_into_lua_and_back(string name, AoValue value)
    {
        var request = Message.Of(("path", "echo"), ("value", value));
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), request);
        Assert.True(result.IsOk, $"{name}: {result}");
        Assert.Equal(value, result.Value);
    }

    [Theory]
    [InlineData(7L, "number:integer")]
    [InlineData(7.0, "number:float")]
    [InlineData(true, "boolean:-")]
    [InlineData("7", "string:-")]
    public async Task Lua_sees_integers_floats_booleans_and_strings_as_their_own_types(object value, string expected)
    {
        var request = Message.Of(("path", "describe"), ("value", AoValue.From(value)));
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), request);
        Assert.Equal(expected, result.Text());
    }

    [Fact]
    public async Task A_message_keyed_one_to_n_reaches_lua_as_a_sequence()
    {
        var request = Message.Of(("path", "len"), ("value", Message.Of(("1", "a"), ("2", "b"))));
        var result = await ResolverFor(_device).ResolveAsync(Base("function len(b, r) return #r.value end"), request);
        Assert.Equal(new AoInteger(2), result.Value);
    }

    [Fact]
    public async Task A_table_with_holes_or_mixed_keys_becomes_a_message_with_text_keys()
    {
        var script = "function f() return { [1] = 'a', [3] = 'c', [2.5] = 'x', [true] = 'y', name = 'n' } end";
        var result = await ResolverFor(_device).ResolveAsync(Base(script), "f");
        var message = Assert.IsType<Message>(result.Value);
        Assert.Equal(AoBinary.FromString("a"), message.Get("1"));
        Assert.Equal(AoBinary.FromString("c"), message.Get("3"));
        Assert.Equal(AoBinary.FromString("x"), message.Get("2.5"));
        Assert.Equal(AoBinary.FromString("y"), message.Get("true"));
        Assert.Equal(AoBinary.FromString("n"), message.Get("name"));
    }

    [Fact]
    public async Task An_empty_table_is_the_empty_list_as_in_hyperbeam()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("function f() return {} end"), "f");
        Assert.Equal(AoList.Empty, result.Value);
    }

    [Fact]
    public async Task A_function_value_cannot_cross_and_gives_a_clear_error()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("function f() return { handler = print } end"), "f");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("function", result.ErrorMessage);
        Assert.Contains("conversion", result.ErrorMessage);
    }

    [Fact]
    public async Task A_cyclic_table_gives_a_clear_error()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("function f() local t = {}; t.self = t; return t end"), "f");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("contains itself", result.ErrorMessage);
    }

    [Fact]
    public async Task Binary_bytes_keep_their_length_inside_lua()
    {
        var request = Message.Of(("path", "size"), ("value", new AoBinary([0, 1, 2, 0xff, 0])));
        var result = await ResolverFor(_device).ResolveAsync(Base("function size(b, r) return #r.value end"), request);
        Assert.Equal(new AoInteger(5), result.Value);
    }

    [Fact]
    public void Values_round_trip_through_the_engine_unchanged()
    {
        using var lua = LuaEngineState.Load("function same(v) return v end");
        var value = Message.Of(("list", AoList.Of(1, 2.5, "x")), ("nested", Message.Of(("deep", AoAtom.False))), ("bytes", new AoBinary([0xc3, 0x28])));
        Assert.Equal([value], lua.Call("same", value));
    }

    [Fact]
    public void Null_becomes_nil_and_other_atoms_their_name()
    {
        using var lua = LuaEngineState.Load("function types(a, b) return type(a), b end");
        Assert.Equal([AoBinary.FromString("nil"), AoBinary.FromString("not_found")], lua.Call("types", AoAtom.Null, AoAtom.Of("not_found")));
    }

    [Fact]
    public void Too_deep_a_value_is_refused()
    {
        using var lua = LuaEngineState.Load("function same(v) return v end");
        AoValue value = new AoInteger(1);
        for (var i = 0; i <= LuaWireWriter.MaxDepth + 1; i++) value = AoList.Of(value);
        Assert.Throws<LuaConversionException>(() => lua.Call("same", value));
    }

    [Fact]
    public async Task Message_keys_from_lua_are_normalised_to_lower_case()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base("function f() return { Target = 'x' } end"), "f");
        Assert.Equal(AoBinary.FromString("x"), Assert.IsType<Message>(result.Value).Get("target"));
        Assert.Equal(ResolveStatus.Ok, result.Status);
    }
}
