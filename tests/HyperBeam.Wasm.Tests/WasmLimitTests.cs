using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

public sealed class WasmLimitTests : IDisposable
{
    private readonly WasmHost _host = new(WasmHost.Tight);

    private Task<Message> MisbehavingAsync() => _host.InitAsync(WasmHost.Process(WatModules.Misbehaving));

    [Fact]
    public async Task An_infinite_loop_runs_out_of_fuel_and_discards_the_instance()
    {
        var state = await MisbehavingAsync();
        WasmHost.Fails(422, "out-of-fuel", await _host.ComputeAsync(state, "spin"));
        WasmHost.Fails(400, "no-instance", await _host.ComputeAsync(state, "crash"));
        Assert.Equal(0, _host.Device.InstanceCount);
    }

    [Fact]
    public async Task Memory_growth_stops_at_the_limit()
    {
        var state = await MisbehavingAsync();
        var pages = ((AoInteger)(await _host.CallAsync(state, "grow-until-refused")).Value).Value;
        Assert.InRange(pages, 2, WasmHost.Tight.MaxMemoryBytes / 65536);
        WasmHost.Fails(422, "trap", await _host.ComputeAsync(state, "grow-or-trap"));
    }

    [Fact]
    public async Task Initial_memory_over_the_limit_fails_init()
    {
        var result = await _host.Resolver.ResolveAsync(WasmHost.Process(WatModules.HugeInitialMemory), "init");
        WasmHost.Fails(400, "instantiation-failed", result);
    }

    [Fact]
    public async Task Unreachable_and_division_by_zero_are_traps_with_a_reason()
    {
        var state = await MisbehavingAsync();
        var crash = await _host.ComputeAsync(state, "crash");
        WasmHost.Fails(422, "trap", crash);
        Assert.Contains("unreachable", ((Message)crash.Value).GetText("body"), StringComparison.OrdinalIgnoreCase);
        var again = await MisbehavingAsync();
        WasmHost.Fails(422, "trap", await _host.ComputeAsync(again, "divide", 1, 0));
    }

    [Fact]
    public async Task A_missing_export_or_wrong_parameters_fail_without_losing_the_instance()
    {
        var state = await MisbehavingAsync();
        WasmHost.Fails(400, "missing-function", await _host.ComputeAsync(state, "no-such-function"));
        WasmHost.Fails(400, "bad-parameters", await _host.ComputeAsync(state, "divide", 1));
        WasmHost.Fails(400, "bad-parameters", await _host.ComputeAsync(state, "divide", "one", 2));
        WasmHost.Fails(400, "bad-parameters", await _host.ComputeAsync(state, "divide", 1.5, 2));
        var text = await _host.ResolveAsync(state, Message.Of(("path", "compute"), ("function", "divide"), ("parameters", "oops")));
        WasmHost.Fails(400, "bad-parameters", text);
        Assert.Equal(new AoInteger(3), (await _host.CallAsync(state, "divide", 7, 2)).Value);
    }

    [Fact]
    public async Task A_garbage_or_missing_image_is_a_clear_error()
    {
        var garbage = await _host.Resolver.ResolveAsync(WasmHost.Process(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0xff, 0xff }), "init");
        WasmHost.Fails(400, "bad-image", garbage);
        var text = await _host.Resolver.ResolveAsync(WasmHost.Process("(module (func (export \"x\") (i32.add)))"), "init");
        WasmHost.Fails(400, "bad-image", text);
        var none = await _host.Resolver.ResolveAsync(Message.Of(("device", WasmDevice.DeviceName)), "init");
        WasmHost.Fails(400, "no-image", none);
    }

    [Fact]
    public async Task A_device_without_memory64_refuses_memory64_images()
    {
        using var wasm32 = new WasmHost(WasmHost.Tight with { Memory64 = false });
        WasmHost.Fails(400, "bad-image", await wasm32.Resolver.ResolveAsync(WasmHost.Process(WatModules.Memory64Counter), "init"));
        var state = await wasm32.InitAsync(WasmHost.Process(WatModules.Arithmetic));
        Assert.Equal(new AoInteger(2), (await wasm32.CallAsync(state, "add", 1, 1)).Value);
    }

    [Fact]
    public void Options_without_fuel_or_memory_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WasmDevice(WasmOptions.Default with { FuelPerCall = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WasmDevice(WasmOptions.Default with { MaxMemoryBytes = 0 }));
    }

    [Fact]
    public async Task A_disposed_device_answers_with_errors()
    {
        var host = new WasmHost(WasmHost.Tight);
        var state = await host.InitAsync(WasmHost.Process(WatModules.Misbehaving));
        host.Dispose();
        var result = await host.ComputeAsync(state, "divide", 4, 2);
        Assert.False(result.IsOk, result.ToString());
    }

    public void Dispose() => _host.Dispose();
}
