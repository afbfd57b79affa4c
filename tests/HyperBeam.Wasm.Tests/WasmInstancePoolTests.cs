using HyperBeam.Core.Messages;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

/// <summary>Instances no process owns live in a pool bounded in count and bytes; evicted ones give their thread back.</summary>
public sealed class WasmInstancePoolTests
{
    private const long Page = 65536;

    private static WasmOptions Pooled(int instances, long bytes = 1L << 30) =>
        WasmHost.Tight with { MaxPooledInstances = instances, MaxPooledBytes = bytes };

    /// <summary>What one Memory64Counter instance (one page) holds in the pool's accounting.</summary>
    private static long CounterBytes(WasmOptions options) => Page + options.ThreadStackBytes;

    [Fact]
    public async Task Many_direct_inits_leave_at_most_the_pool_bound_of_live_instances_and_threads()
    {
        using var host = new WasmHost(Pooled(4));
        for (var i = 0; i < 150; i++) await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));

        Assert.InRange(host.Device.InstanceCount, 1, 4);
        await Eventually.AssertAsync(() => Assert.InRange(host.Device.InstanceThreadCount, 1, 4));
    }

    [Fact]
    public async Task Direct_inits_naming_many_processes_on_a_shared_device_are_pooled_too()
    {
        using var host = new WasmHost(Pooled(4));
        for (var i = 0; i < 40; i++)
            await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter, ("process", $"claimed-{i}")));

        Assert.InRange(host.Device.InstanceCount, 1, 4);
        await Eventually.AssertAsync(() => Assert.InRange(host.Device.InstanceThreadCount, 1, 4));
    }

    [Fact]
    public async Task The_pool_is_bounded_in_bytes_as_well_as_in_count()
    {
        var options = Pooled(100, 3 * CounterBytes(WasmHost.Tight));
        using var host = new WasmHost(options);
        for (var i = 0; i < 20; i++) await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));

        Assert.InRange(host.Device.InstanceCount, 1, 3);
        await Eventually.AssertAsync(() => Assert.InRange(host.Device.InstanceThreadCount, 1, 3));
    }

    [Fact]
    public async Task Memory_grown_by_a_call_counts_and_evicts_the_least_recently_used_instance()
    {
        using var host = new WasmHost(Pooled(100, 3 * CounterBytes(WasmHost.Tight) + Page));
        var first = await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
        await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
        var third = await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
        Assert.Equal(3, host.Device.InstanceCount);

        Assert.Equal(new AoInteger(1), (await host.CallAsync(first, "grow", 32)).Value);

        Assert.Equal(2, host.Device.InstanceCount);
        Assert.Equal(new AoInteger(1), (await host.CallAsync(first, "bump")).Value);
        Assert.Equal(new AoInteger(1), (await host.CallAsync(third, "bump")).Value);
        await Eventually.AssertAsync(() => Assert.Equal(2, host.Device.InstanceThreadCount));
    }

    [Fact]
    public async Task The_instance_used_last_is_kept_even_when_it_alone_is_over_the_byte_bound()
    {
        using var host = new WasmHost(Pooled(4, bytes: 1));
        for (var i = 0; i < 5; i++)
        {
            var state = await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
            Assert.Equal(new AoInteger(1), (await host.CallAsync(state, "bump")).Value);
        }
        Assert.Equal(1, host.Device.InstanceCount);
    }

    [Fact]
    public async Task An_evicted_instance_answers_no_instance_not_a_crash()
    {
        using var host = new WasmHost(Pooled(1));
        var evicted = await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
        await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));

        WasmHost.Fails(400, "no-instance", await host.ComputeAsync(evicted, "bump"));
    }

    [Fact]
    public void Pool_bounds_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WasmDevice(WasmOptions.Default with { MaxPooledInstances = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WasmDevice(WasmOptions.Default with { MaxPooledBytes = 0 }));
    }
}
