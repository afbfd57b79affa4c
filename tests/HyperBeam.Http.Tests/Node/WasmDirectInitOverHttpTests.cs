using System.Net;
using System.Text;
using HyperBeam.Hosting.Node;
using HyperBeam.Tests.Shared;
using HyperBeam.Wasm;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Http.Tests.Node;

/// <summary>Untrusted <c>/~wasm-64@1.0/init</c> calls on a real node cannot pile up live instances and their threads.</summary>
public class WasmDirectInitOverHttpTests
{
    private const string Counter = """
        (module (memory (export "memory") i64 1) (func (export "bump") (result i64) (i64.const 1)))
        """;

    [Fact]
    public async Task Many_direct_inits_over_http_leave_at_most_the_pool_bound_of_live_instances()
    {
        await using var node = await TestNode.StartAsync();
        for (var i = 0; i < 60; i++)
        {
            using var response = await node.Client.PostAsync("/~wasm-64@1.0/init", new StringContent(Counter, Encoding.UTF8, "text/plain"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"init {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var devices = node.Node.Services.GetRequiredService<NodeCore>().Resolver.Devices;
        Assert.True(devices.TryGet(WasmDevice.DeviceName, out var found));
        var wasm = Assert.IsType<WasmDevice>(found);
        Assert.InRange(wasm.InstanceCount, 1, WasmOptions.Default.MaxPooledInstances);
        // Evicted instances' threads end on their own, just after their disposal.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (wasm.InstanceThreadCount > WasmOptions.Default.MaxPooledInstances && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.InRange(wasm.InstanceThreadCount, 1, WasmOptions.Default.MaxPooledInstances);
    }
}
