using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

/// <summary>On a process's own device the process owns one instance: never evicted, replaced (and disposed) on re-init.</summary>
public sealed class WasmProcessInstanceTests
{
    private static readonly WasmOptions PoolOfTwo = WasmHost.Tight with { MaxPooledInstances = 2 };

    private static Message Counter(string process) =>
        WasmHost.Process(WatModules.Memory64Counter, ("process", process));

    [Fact]
    public async Task Re_initialising_a_process_keeps_one_instance_and_ends_the_old_threads()
    {
        using var host = WasmHost.ForProcessWorker(PoolOfTwo);
        Message state = Message.Empty;
        for (var i = 0; i < 20; i++) state = await host.InitAsync(Counter("the-process"));

        Assert.Equal(1, host.Device.InstanceCount);
        Assert.Equal(new AoInteger(1), (await host.CallAsync(state, "bump")).Value);
        await Eventually.AssertAsync(() => Assert.Equal(1, host.Device.InstanceThreadCount));
    }

    [Fact]
    public async Task A_process_instance_outlives_a_flood_of_direct_inits_on_its_device()
    {
        using var host = WasmHost.ForProcessWorker(PoolOfTwo);
        var process = await host.InitAsync(Counter("the-process"));
        process = (await host.CallAsync(process, "bump")).State;

        for (var i = 0; i < 30; i++) await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));

        Assert.Equal(new AoInteger(2), (await host.CallAsync(process, "bump")).Value);
        Assert.InRange(host.Device.InstanceCount, 2, 3);
        await Eventually.AssertAsync(() => Assert.InRange(host.Device.InstanceThreadCount, 2, 3));
    }

    [Fact]
    public async Task A_process_restored_from_a_snapshot_owns_the_restored_instance()
    {
        using var host = WasmHost.ForProcessWorker(PoolOfTwo);
        var state = await host.InitAsync(Counter("the-process"));
        state = (await host.CallAsync(state, "bump")).State;
        var snapshot = await host.Resolver.ResolveAsync(state, "snapshot");
        Assert.True(snapshot.IsOk, snapshot.ToString());

        using var restarted = WasmHost.ForProcessWorker(PoolOfTwo);
        var (continued, count) = await restarted.CallAsync(state.WithoutPriv().Set("snapshot", snapshot.Value), "bump");
        Assert.Equal(new AoInteger(2), count);
        for (var i = 0; i < 10; i++) await restarted.InitAsync(WasmHost.Process(WatModules.Memory64Counter));

        Assert.Equal(new AoInteger(3), (await restarted.CallAsync(continued, "bump")).Value);
        Assert.InRange(restarted.Device.InstanceCount, 2, 3);
    }
}
