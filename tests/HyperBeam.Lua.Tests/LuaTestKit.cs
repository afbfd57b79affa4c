using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Lua.Tests;

/// <summary>Builds resolvers with a real <see cref="LuaDevice"/> and base messages carrying Lua modules.</summary>
internal static class LuaTestKit
{
    /// <summary>Small limits keep the runaway tests quick.</summary>
    public static readonly LuaOptions FastLimits = new()
    {
        InstructionBudget = 2_000_000,
        MemoryLimitBytes = 16L * 1024 * 1024,
    };

    /// <summary>The process the test bases belong to (<see cref="LuaDevice.OwnerKey"/>).</summary>
    public static readonly Message TestProcess = Message.Of(("type", "Process"), ("name", "lua-test-process"));

    public static Resolver ResolverFor(LuaDevice device, IResolutionCache? cache = null) =>
        new(DeviceRegistry.Preloaded.With(device), new ResolveOptions { Cache = cache, Hashpath = HashpathMode.Ignore });

    public static Message LuaModule(string source) =>
        Message.Of(("content-type", "application/lua"), ("body", source));

    public static Message Base(string source, params (string Key, object? Value)[] extra) =>
        Base(LuaModule(source), extra);

    public static Message Base(AoValue module, params (string Key, object? Value)[] extra)
    {
        // Globals belong to the process a base names: one test process keeps them from call to call.
        var message = Message.Of(("device", LuaDevice.DeviceName), ("module", module), (LuaDevice.OwnerKey, TestProcess));
        foreach (var (key, value) in extra) message = message.Set(key, AoValue.From(value));
        return message;
    }

    public static string Text(this ResolveResult result) => result.Value switch
    {
        AoBinary b => b.Text,
        Message m when m.Get("body") is AoBinary body => body.Text,
        var other => other.ToString(),
    };

    /// <summary>Waits on a condition (no fixed sleep); fails after a generous bound so a regression cannot hang the run.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, "the condition did not hold within 30 s");
            await Task.Yield();
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
