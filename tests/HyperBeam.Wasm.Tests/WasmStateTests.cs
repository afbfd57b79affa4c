using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

public sealed class WasmStateTests : IDisposable
{
    private readonly WasmHost _host = new();

    [Fact]
    public async Task Linear_memory64_persists_across_calls_of_one_process()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
        for (var expected = 1; expected <= 3; expected++)
        {
            var (next, value) = await _host.CallAsync(state, "bump");
            Assert.Equal(new AoInteger(expected), value);
            state = next;
        }
        Assert.Equal(new AoInteger(1), (await _host.CallAsync(state, "grow", 2)).Value);
        var highAddress = 2L * 65536 + 40;
        Assert.Empty(WasmHost.Output(await _host.ComputeAsync(state, "store", highAddress, 0x1122334455667788)));
        Assert.Equal(new AoInteger(0x1122334455667788), (await _host.CallAsync(state, "load", highAddress)).Value);

        var instance = await _host.Resolver.ResolveAsync(state, "instance");
        Assert.True(instance.IsOk, instance.ToString());
        var description = (Message)instance.Value;
        Assert.Equal(AoAtom.True, description.Get("memory64"));
        Assert.Equal(new AoInteger(3 * 65536), description.Get("memory-bytes"));
    }

    [Fact]
    public async Task A_snapshot_restored_on_a_fresh_device_continues_the_process()
    {
        var process = WasmHost.Process(WatModules.Memory64Counter);
        var state = await _host.InitAsync(process);
        for (var i = 0; i < 3; i++) state = (await _host.CallAsync(state, "bump")).State;
        await _host.CallAsync(state, "grow", 3);
        Assert.Empty(WasmHost.Output(await _host.ComputeAsync(state, "store", 3L * 65536 + 8, 99)));
        var snapshot = await _host.Resolver.ResolveAsync(state, "snapshot");
        Assert.True(snapshot.IsOk, snapshot.ToString());
        Assert.Equal(4 * 65536, Assert.IsType<AoBinary>(((Message)snapshot.Value).Get("body")).Length);

        // A restarted worker: a new device that never saw the process, given the persisted state (no private part).
        using var restarted = new WasmHost();
        var persisted = state.WithoutPriv().Set("snapshot", snapshot.Value);
        var (continued, count) = await restarted.CallAsync(persisted, "bump");
        Assert.Equal(new AoInteger(4), count);
        Assert.Null(continued.Get("snapshot"));
        Assert.Equal(new AoInteger(99), (await restarted.CallAsync(continued, "load", 3L * 65536 + 8)).Value);
        Assert.Equal(new AoInteger(5), (await restarted.CallAsync(continued, "bump")).Value);
    }

    [Fact]
    public async Task A_state_that_lost_its_private_part_finds_its_process_instance()
    {
        var process = Message.Of(("type", "Process"), ("image", WatModules.Memory64Counter));
        var @base = Message.Of(("device", WasmDevice.DeviceName), ("input-prefix", "process"), ("process", process));
        var state = await _host.InitAsync(@base);
        await _host.CallAsync(state, "bump");
        Assert.Equal(new AoInteger(2), (await _host.CallAsync(state.WithoutPriv(), "bump")).Value);
    }

    [Fact]
    public async Task Compute_without_an_instance_or_snapshot_is_a_clear_error()
    {
        var result = await _host.ComputeAsync(WasmHost.Process(WatModules.Memory64Counter), "bump");
        WasmHost.Fails(400, "no-instance", result);
    }

    [Fact]
    public async Task Init_starts_afresh_and_terminate_drops_the_instance()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
        await _host.CallAsync(state, "bump");
        var again = await _host.InitAsync(state);
        Assert.Equal(new AoInteger(1), (await _host.CallAsync(again, "bump")).Value);
        var terminated = await _host.Resolver.ResolveAsync(again, "terminate");
        Assert.True(terminated.IsOk, terminated.ToString());
        WasmHost.Fails(400, "no-instance", await _host.ComputeAsync((Message)terminated.Value, "bump"));
        Assert.Equal(0, _host.Device.InstanceCount);
    }

    [Fact]
    public async Task A_snapshot_larger_than_the_memory_limit_is_refused()
    {
        using var small = new WasmHost(WasmHost.Tight);
        var huge = Message.Of(("body", new byte[8 << 20]));
        var result = await small.ComputeAsync(WasmHost.Process(WatModules.Memory64Counter, ("snapshot", huge)), "bump");
        WasmHost.Fails(413, "memory-limit", result);
    }

    public void Dispose() => _host.Dispose();
}
