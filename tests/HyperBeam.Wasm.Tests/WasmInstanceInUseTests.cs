using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

/// <summary>An instance that calls are using is not disposed under them when the pool evicts it.</summary>
public sealed class WasmInstanceInUseTests
{
    private readonly TaskCompletionSource _importEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _importReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary><c>my_lib.mul</c> that holds its caller inside the import until the test lets it go.</summary>
    private Device GateLib() => Device.Create("gate-lib@1.0", ("mul", async (_, request, _) =>
    {
        _importEntered.TrySetResult();
        await _importReleased.Task;
        var args = (AoList)request.Get("args")!;
        return ResolveResult.Ok(Message.Of(("results", AoList.Of(((AoInteger)args[0]).Value * ((AoInteger)args[1]).Value))));
    }));

    [Fact]
    public async Task Calls_using_an_evicted_instance_finish_and_the_instance_is_disposed_after()
    {
        using var host = new WasmHost(WasmHost.Tight with { MaxPooledInstances = 2 }, GateLib());
        var busy = await host.InitAsync(WasmHost.Process(WatModules.PowWithImport,
            ("stdlib", Message.Of(("my_lib", Message.Of(("device", "gate-lib@1.0")))))));
        var running = Task.Run(() => host.ComputeAsync(busy, "pow", 2, 3));
        await _importEntered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var queued = Task.Run(() => host.ComputeAsync(busy, "pow", 3, 2));
        await Eventually.AssertAsync(() => Assert.Equal(2, host.Device.InstanceCallsInProgress));

        for (var i = 0; i < 10; i++) await host.InitAsync(WasmHost.Process(WatModules.Memory64Counter));
        _importReleased.SetResult();

        Assert.Equal(AoList.Of(8), WasmHost.Output(await running));
        Assert.Equal(AoList.Of(9), WasmHost.Output(await queued));
        Assert.Equal(0, host.Device.InstanceCallsInProgress);
        Assert.InRange(host.Device.InstanceCount, 1, 2);
        await Eventually.AssertAsync(() => Assert.InRange(host.Device.InstanceThreadCount, 1, 2));
    }
}
