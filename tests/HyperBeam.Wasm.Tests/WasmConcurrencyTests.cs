using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

public sealed class WasmConcurrencyTests : IDisposable
{
    private readonly WasmHost _host = new();

    [Fact]
    public async Task Concurrent_calls_on_one_instance_run_one_at_a_time()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
        var calls = Enumerable.Range(0, 24).Select(_ => Task.Run(() => _host.CallAsync(state, "bump")));
        var counts = (await Task.WhenAll(calls)).Select(r => ((AoInteger)r.Value).Value).Order();
        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), counts);
    }

    [Fact]
    public async Task Processes_on_one_device_keep_separate_memories()
    {
        var processes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            _host.InitAsync(WasmHost.Process(WatModules.Memory64Counter, ("process", $"process-{i}")))));
        async Task<long> BumpAsync(Message state, int times)
        {
            long last = 0;
            for (var i = 0; i < times; i++) last = ((AoInteger)(await _host.CallAsync(state, "bump")).Value).Value;
            return last;
        }
        var finals = await Task.WhenAll(processes.Select((p, i) => Task.Run(() => BumpAsync(p, i + 2))));
        Assert.Equal([2L, 3L, 4L, 5L], finals);
        Assert.Equal(4, _host.Device.InstanceCount);
    }

    [Fact]
    public async Task A_device_factory_makes_independent_devices()
    {
        var factory = WasmDevice.CreateFactory(WasmHost.Tight);
        using var first = (WasmDevice)factory();
        using var second = (WasmDevice)factory();
        Assert.NotSame(first, second);
        Assert.Equal(WasmDevice.DeviceName, first.Name);
        Assert.Equal(WasmHost.Tight, second.Options);
        await Task.CompletedTask;
    }

    public void Dispose() => _host.Dispose();
}
