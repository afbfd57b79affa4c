using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

public sealed class WasmArithmeticTests : IDisposable
{
    private readonly WasmHost _host = new();

    [Fact]
    public async Task Exported_functions_take_and_return_i32_i64_and_f64()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.Arithmetic));
        Assert.Equal(new AoInteger(5), (await _host.CallAsync(state, "add", 2, 3)).Value);
        Assert.Equal(new AoInteger(int.MinValue), (await _host.CallAsync(state, "add", int.MaxValue, 1)).Value);
        Assert.Equal(new AoInteger(6_000_000_000), (await _host.CallAsync(state, "mul", 3_000_000_000L, 2)).Value);
        Assert.Equal(new AoFloat(120.0), (await _host.CallAsync(state, "fac", 5.0)).Value);
    }

    [Fact]
    public async Task Multiple_results_come_back_as_a_list_and_none_as_an_empty_list()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.Arithmetic));
        Assert.Equal(AoList.Of(3, 2), WasmHost.Output(await _host.ComputeAsync(state, "divmod", 17, 5)));
        Assert.Empty(WasmHost.Output(await _host.ComputeAsync(state, "nothing")));
    }

    [Fact]
    public async Task Function_and_parameters_may_come_from_the_base_or_the_request_body()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.Arithmetic, ("function", "add"), ("parameters", AoList.Of(1, 1))));
        Assert.Equal(AoList.Of(2), WasmHost.Output(await _host.ResolveAsync(state, Message.Of(("path", "compute")))));
        var body = Message.Of(("function", "mul"), ("parameters", AoList.Of("6", "7")));
        Assert.Equal(AoList.Of(42), WasmHost.Output(await _host.ResolveAsync(state, Message.Of(("path", "compute"), ("body", body)))));
    }

    [Fact]
    public async Task Compute_without_a_function_returns_the_state_unchanged()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.Arithmetic));
        var result = await _host.ResolveAsync(state, Message.Of(("path", "compute")));
        Assert.True(result.IsOk, result.ToString());
        Assert.Null(((Message)result.Value).Get("results"));
    }

    [Fact]
    public async Task Later_stack_passes_do_not_run_the_module()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.Arithmetic));
        var result = await _host.ComputeAsync(state.Set("pass", 2), "add", 1, 2);
        Assert.True(result.IsOk, result.ToString());
        Assert.Null(((Message)result.Value).Get("results"));
        Assert.Equal(AoList.Of(3), WasmHost.Output(await _host.ComputeAsync(state.Set("pass", 1), "add", 1, 2)));
    }

    [Fact]
    public async Task Output_prefix_places_results_under_it_and_input_prefix_finds_the_image()
    {
        var process = Message.Of(("type", "Process"), ("image", WatModules.Arithmetic));
        var @base = Message.Of(("device", WasmDevice.DeviceName), ("input-prefix", "process"), ("output-prefix", "wasm"), ("process", process));
        var state = await _host.InitAsync(@base);
        Assert.NotNull(state.Priv.GetText("wasm/instance"));
        var result = await _host.ComputeAsync(state, "add", 40, 2);
        Assert.Equal(AoList.Of(42), WasmHost.Output(result, "wasm"));
    }

    [Fact]
    public async Task Wasm_binary_images_run_as_well_as_wat_text()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.AnswerBinary));
        Assert.Equal(new AoInteger(42), (await _host.CallAsync(state, "answer")).Value);
    }

    [Fact]
    public async Task The_image_may_be_the_base_body_or_a_message_holding_it()
    {
        var fromBody = await _host.InitAsync(Message.Of(("device", WasmDevice.DeviceName), ("body", WatModules.Arithmetic)));
        Assert.Equal(new AoInteger(3), (await _host.CallAsync(fromBody, "add", 1, 2)).Value);
        var fromMessage = await _host.InitAsync(WasmHost.Process(Message.Of(("body", WatModules.Arithmetic))));
        Assert.Equal(new AoInteger(4), (await _host.CallAsync(fromMessage, "add", 2, 2)).Value);
    }

    public void Dispose() => _host.Dispose();
}
