using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Wasm.Tests.Support;

namespace HyperBeam.Wasm.Tests;

public sealed class WasmImportTests : IDisposable
{
    private readonly WasmHost _host = new(null, MyLib(), FailingLib());

    /// <summary>As HyperBEAM's <c>dev_test:mul</c>: multiplies the <c>args</c> and counts its calls in the state.</summary>
    private static Device MyLib() => Device.Create("my-lib@1.0", ("mul", (@base, request, _) =>
    {
        var args = Assert.IsType<AoList>(request.Get("args"));
        Assert.Equal("(i64, i64) -> i64", request.GetText("func-sig"));
        var state = Assert.IsType<Message>(@base.Get("state"));
        var calls = state.Get("mul-calls") is AoInteger n ? n.Value : 0;
        var product = ((AoInteger)args[0]).Value * ((AoInteger)args[1]).Value;
        return ValueTask.FromResult(ResolveResult.Ok(Message.Of(
            ("state", state.Set("mul-calls", calls + 1)),
            ("results", AoList.Of(product)))));
    }));

    private static Device FailingLib() => Device.Create("failing-lib@1.0",
        ("mul", (_, _, _) => ValueTask.FromResult(ResolveResult.Failure("the library is broken"))));

    private static Message Pow(string libraryDevice) => WasmHost.Process(WatModules.PowWithImport,
        ("stdlib", Message.Of(("my_lib", Message.Of(("device", libraryDevice)))))) ;

    [Fact]
    public async Task An_import_is_answered_by_the_stdlib_device_through_the_resolver()
    {
        var state = await _host.InitAsync(Pow("my-lib@1.0"));
        var result = await _host.ComputeAsync(state, "pow", 2, 5);
        Assert.Equal(AoList.Of(32), WasmHost.Output(result));
        Assert.Equal(new AoInteger(5), ((Message)result.Value).Get("mul-calls"));
    }

    [Fact]
    public async Task Many_instances_answer_imports_concurrently()
    {
        var states = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _host.InitAsync(Pow("my-lib@1.0").Set("process", $"pow-{i}"))));
        var results = await Task.WhenAll(states.Select((state, i) => Task.Run(() => _host.ComputeAsync(state, "pow", 2, i + 1))));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (AoValue)AoList.Of(1L << i)), results.Select(r => (AoValue)WasmHost.Output(r)));
    }

    [Fact]
    public async Task An_import_nobody_provides_answers_zero_and_is_recorded()
    {
        var state = await _host.InitAsync(WasmHost.Process(WatModules.PowWithImport));
        var result = await _host.ComputeAsync(state, "pow", 3, 2);
        Assert.Equal(AoList.Of(0), WasmHost.Output(result));
        var calls = Assert.IsType<AoList>(((Message)((Message)result.Value).Get("results")!).Get("undefined-calls"));
        Assert.Equal(2, calls.Count);
        Assert.Equal("mul", ((Message)calls[0]).GetText("func"));
        Assert.Equal("my_lib", ((Message)calls[0]).GetText("module"));
    }

    [Fact]
    public async Task A_failing_import_fails_the_call_and_discards_the_instance()
    {
        var state = await _host.InitAsync(Pow("failing-lib@1.0"));
        var result = await _host.ComputeAsync(state, "pow", 2, 2);
        WasmHost.Fails(502, "import-failed", result);
        Assert.Contains("my_lib.mul", ((Message)result.Value).GetText("body"));
        WasmHost.Fails(400, "no-instance", await _host.ComputeAsync(state, "pow", 2, 2));
    }

    [Fact]
    public async Task An_import_that_calls_back_into_its_own_instance_is_refused_not_deadlocked()
    {
        var reentrant = Device.Create("reentrant-lib@1.0", ("mul", async (@base, _, ctx) =>
        {
            var state = (Message)@base.Get("state")!;
            var inner = await ctx.ResolveAsync(state, Message.Of(("path", "compute"), ("function", "pow"), ("parameters", AoList.Of(1, 1))));
            return inner.IsOk ? ResolveResult.Ok(Message.Of(("results", AoList.Of(1)))) : inner;
        }));
        using var host = new WasmHost(null, reentrant);
        var state = await host.InitAsync(Pow("reentrant-lib@1.0"));
        var result = await host.ComputeAsync(state, "pow", 2, 2);
        WasmHost.Fails(502, "import-failed", result);
        Assert.Contains("waiting for one of its own imports", ((Message)result.Value).GetText("body"));
    }

    [Fact]
    public async Task The_import_key_resolves_the_stdlib_path_directly()
    {
        var request = Message.Of(("path", "import"), ("module", "my_lib"), ("func", "mul"),
            ("args", AoList.Of(6, 7)), ("func-sig", "(i64, i64) -> i64"));
        var result = await _host.ResolveAsync(Pow("my-lib@1.0"), request);
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(AoList.Of(42), ((Message)result.Value).Get("results"));
    }

    [Fact]
    public async Task Cancelling_while_an_import_is_pending_cancels_the_call_and_discards_the_instance()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<ResolveResult>();
        var hanging = Device.Create("hanging-lib@1.0", ("mul", (_, _, _) =>
        {
            entered.TrySetResult();
            return new ValueTask<ResolveResult>(never.Task);
        }));
        using var host = new WasmHost(null, hanging);
        var state = await host.InitAsync(Pow("hanging-lib@1.0"));
        using var cancel = new CancellationTokenSource();
        var request = Message.Of(("path", "compute"), ("function", "pow"), ("parameters", AoList.Of(2, 2)));
        var call = host.Resolver.ResolveAsync(state, request, cancellationToken: cancel.Token).AsTask();
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
        WasmHost.Fails(400, "no-instance", await host.ComputeAsync(state, "pow", 2, 2));
    }

    public void Dispose() => _host.Dispose();
}
