using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using static HyperBeam.Lua.Tests.LuaTestKit;

namespace HyperBeam.Lua.Tests;

public sealed class LuaDeviceLifecycleTests
{
    private const string Counting = "Calls = 0\nfunction bump(base, req) Calls = Calls + 1; return { calls = Calls, echo = req.n } end";

    [Fact]
    public async Task A_disposed_device_answers_with_an_error_instead_of_throwing()
    {
        var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);
        Assert.True((await resolver.ResolveAsync(Base(Scripts.Basics), "assoctable")).IsOk);
        device.Dispose();
        device.Dispose();
        var result = await resolver.ResolveAsync(Base(Scripts.Basics), "assoctable");
        Assert.False(result.IsOk);
        Assert.Contains("disposed", result.ErrorMessage);
        Assert.Equal(0, device.VmCount);
    }

    [Fact]
    public async Task Concurrent_calls_on_one_device_are_serialised_per_vm_and_all_answered()
    {
        using var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);
        var first = Base(Counting);
        var second = Base(Counting + "\n-- a second VM");
        var calls = Enumerable.Range(0, 60).Select(i =>
            Task.Run(async () => await resolver.ResolveAsync(i % 2 == 0 ? first : second, Message.Of(("path", "bump"), ("n", i))))).ToArray();
        var results = await Task.WhenAll(calls);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.True(results[i].IsOk, results[i].ToString());
            Assert.Equal(new AoInteger(i), Assert.IsType<Message>(results[i].Value).Get("echo"));
        }
        // Each VM counted its 30 calls exactly once each: no call was lost or run twice.
        var counts = results.Select(r => ((AoInteger)((Message)r.Value).Get("calls")!).Value).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Concat(Enumerable.Range(1, 30)).Select(n => (long)n).Order(), counts.Order());
        Assert.Equal(2, device.VmCount);
    }

    [Fact]
    public async Task The_factory_makes_fresh_devices_with_fresh_vms()
    {
        var factory = LuaDevice.CreateFactory(FastLimits);
        using var a = (LuaDevice)factory();
        using var b = (LuaDevice)factory();
        Assert.NotSame(a, b);
        Assert.Equal(LuaDevice.DeviceName, a.Name);
        var request = Message.Of(("path", "bump"), ("n", 0));
        await ResolverFor(a).ResolveAsync(Base(Counting), request);
        var fromA = await ResolverFor(a).ResolveAsync(Base(Counting), request);
        var fromB = await ResolverFor(b).ResolveAsync(Base(Counting), request);
        Assert.Equal(new AoInteger(2), ((Message)fromA.Value).Get("calls"));
        Assert.Equal(new AoInteger(1), ((Message)fromB.Value).Get("calls"));
    }

    [Fact]
    public async Task Disposing_while_calls_are_queued_answers_every_call()
    {
        var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);
        var calls = Enumerable.Range(0, 20).Select(i => resolver.ResolveAsync(Base(Counting), Message.Of(("path", "bump"), ("n", i))).AsTask()).ToArray();
        device.Dispose();
        var results = await Task.WhenAll(calls);
        Assert.All(results, r => Assert.True(r.IsOk || r.ErrorMessage!.Contains("disposed"), r.ToString()));
    }

    [Fact]
    public async Task A_failing_call_never_throws_out_of_the_resolver()
    {
        using var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);
        foreach (var key in new[] { "fails", "raises_table", "error_response", "odd_status" })
            Assert.Equal(ResolveStatus.Error, (await resolver.ResolveAsync(Base(Scripts.Basics), key)).Status);
    }

    [Fact]
    public async Task Concurrent_calls_that_reenter_their_own_vm_all_complete()
    {
        const string script = """
            function count(base) return (base.n or 0) + 1 end
            function reenter(base, req)
              local status, res = ao.resolve({ device = "lua@5.3a", module = base.module, process = base.process, n = req.n }, "count")
              return res
            end
            """;
        using var device = new LuaDevice(FastLimits);
        var resolver = ResolverFor(device);
        var calls = Enumerable.Range(0, 24).Select(i =>
            Task.Run(async () => await resolver.ResolveAsync(Base(script), Message.Of(("path", i % 3 == 0 ? "count" : "reenter"), ("n", i))))).ToArray();
        var results = await Task.WhenAll(calls);
        for (var i = 0; i < results.Length; i++)
            Assert.Equal(new AoInteger(i % 3 == 0 ? 1 : i + 1), results[i].Value);
        Assert.Equal(1, device.VmCount);
    }
}
