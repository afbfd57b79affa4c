using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

public sealed class LuaCallConventionTests : IDisposable
{
    private readonly LuaDevice _device = new(FastLimits);

    public void Dispose() => _device.Dispose();

    [Fact]
    public async Task A_returned_table_becomes_a_message_and_its_keys_resolve()
    {
        var resolver = ResolverFor(_device);
        var result = await resolver.ResolveAsync(Base(Scripts.Basics), "assoctable");
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(Message.Of(("a", 1), ("b", 2), ("c", 3)), result.Value);
        Assert.Equal(new AoInteger(2), await resolver.GetAsync(Base(Scripts.Basics), "assoctable/b"));
    }

    [Fact]
    public async Task A_sequence_becomes_a_list_and_a_mixed_case_function_is_found_by_its_name()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "ListTable");
        Assert.Equal(AoList.Of(1, 2, 3), result.Value);
    }

    [Fact]
    public async Task Returning_error_and_a_value_is_an_error_result_with_that_value()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "error_response");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Equal(AoBinary.FromString("Lua reports a problem."), result.Value);
    }

    [Fact]
    public async Task Returning_a_named_status_uses_it()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "not_here");
        Assert.Equal(ResolveStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task An_unknown_status_is_an_error_naming_it()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "odd_status");
        Assert.Equal(ResolveStatus.Error, result.Status);
        Assert.Contains("sideways", result.ErrorMessage);
    }

    [Fact]
    public async Task The_function_gets_base_request_and_opts_and_may_return_the_changed_base()
    {
        var @base = Base(Scripts.Basics, ("test-value", 42));
        var resolver = ResolverFor(_device);
        var first = await resolver.ResolveAsync(@base, "hello");
        var greeted = Assert.IsType<Message>(first.Value);
        Assert.Equal(new AoInteger(42), greeted.Get("test-value"));
        Assert.Equal(AoBinary.FromString("world"), greeted.Get("hello"));

        var second = await resolver.ResolveAsync(@base, Message.Of(("path", "hello"), ("name", "Alice")));
        Assert.Equal(AoBinary.FromString("Alice"), Assert.IsType<Message>(second.Value).Get("hello"));
    }

    [Fact]
    public async Task Returning_nothing_is_ok_with_null()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "nothing");
        Assert.True(result.IsOk);
        Assert.Equal(AoAtom.Null, result.Value);
    }

    [Fact]
    public async Task Values_after_status_and_result_are_ignored()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "several");
        Assert.True(result.IsOk);
        Assert.Equal(AoBinary.FromString("first"), result.Value);
    }

    [Fact]
    public async Task Default_arguments_are_three_and_a_parameters_list_replaces_them()
    {
        var resolver = ResolverFor(_device);
        Assert.Equal(new AoInteger(3), (await resolver.ResolveAsync(Base(Scripts.Basics), "arity")).Value);
        Assert.Equal(new AoInteger(0), (await resolver.ResolveAsync(Base(Scripts.Basics, ("parameters", AoList.Empty)), "arity")).Value);
        var two = Message.Of(("path", "arity"), ("parameters", AoList.Of("x", "y")));
        Assert.Equal(new AoInteger(2), (await resolver.ResolveAsync(Base(Scripts.Basics), two)).Value);
    }

    [Fact]
    public async Task The_request_may_name_the_function_to_call()
    {
        var request = Message.Of(("path", "anything"), ("function", "assoctable"));
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), request);
        Assert.Equal(Message.Of(("a", 1), ("b", 2), ("c", 3)), result.Value);
    }

    [Fact]
    public async Task A_key_present_in_the_base_is_read_not_called()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics, ("compute", "stored")), "compute");
        Assert.Equal(AoBinary.FromString("stored"), result.Value);
    }

    [Fact]
    public async Task A_key_with_no_lua_function_falls_back_to_message_device()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "no_such_function");
        Assert.Equal(ResolveStatus.NotFound, result.Status);
    }

    [Fact]
    public async Task Functions_lists_the_global_functions()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "functions");
        var names = Assert.IsType<AoList>(result.Value).Select(v => ((AoBinary)v).Text).ToList();
        Assert.Contains("assoctable", names);
        Assert.Contains("compute", names);
        Assert.Contains("print", names);
    }

    [Fact]
    public async Task Init_loads_the_modules_and_returns_the_base()
    {
        var @base = Base(Scripts.Basics);
        var result = await ResolverFor(_device).ResolveAsync(@base, "init");
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(@base, result.Value);
        Assert.Equal(1, _device.VmCount);
    }

    [Fact]
    public async Task A_runtime_error_is_a_500_error_result_with_message_and_trace()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "fails");
        Assert.Equal(ResolveStatus.Error, result.Status);
        var body = Assert.IsType<Message>(result.Value);
        Assert.Equal(new AoInteger(500), body.Get("status"));
        Assert.Contains("attempt to index", body.GetText("body"));
        Assert.Contains("stack traceback", body.GetText("trace"));
        Assert.Contains("fails", body.GetText("trace"));
    }

    [Fact]
    public async Task An_error_raised_with_a_table_keeps_the_table_as_body()
    {
        var result = await ResolverFor(_device).ResolveAsync(Base(Scripts.Basics), "raises_table");
        var body = Assert.IsType<Message>(result.Value);
        Assert.Equal(Message.Of(("status", 418), ("body", "a teapot")), body.Get("body"));
    }

    [Fact]
    public async Task A_script_error_keeps_the_vm_and_its_globals()
    {
        var @base = Base("Calls = 0\nfunction count() Calls = Calls + 1; return Calls end\nfunction boom() error('boom') end");
        var resolver = ResolverFor(_device);
        Assert.Equal(new AoInteger(1), (await resolver.ResolveAsync(@base, "count")).Value);
        Assert.Equal(ResolveStatus.Error, (await resolver.ResolveAsync(@base, "boom")).Status);
        Assert.Equal(new AoInteger(2), (await resolver.ResolveAsync(@base, "count")).Value);
    }

    [Fact]
    public async Task Normalize_returns_the_base_and_snapshot_is_the_lua_state_of_the_engine()
    {
        var @base = Base(Scripts.Basics);
        var resolver = ResolverFor(_device);
        Assert.Equal(@base, (await resolver.ResolveAsync(@base, "normalize")).Value);
        var snapshot = Assert.IsType<Message>((await resolver.ResolveAsync(@base, "snapshot")).Value);
        Assert.StartsWith("lua53.wasm/", snapshot.GetText("engine"));
        Assert.IsType<AoBinary>(snapshot.Get("body"));
    }

    [Fact]
    public async Task A_message_result_keeps_the_private_part_of_the_base()
    {
        var @base = Base(Scripts.Basics).WithPriv(Message.Of(("note", "kept")));
        var result = await ResolverFor(_device).ResolveAsync(@base, "compute");
        Assert.Equal(AoBinary.FromString("kept"), Assert.IsType<Message>(result.Value).Priv.Get("note"));
    }
}
