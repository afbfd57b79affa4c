using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Lua;

namespace HyperBeam.Node.Benchmarking;

/// <summary>The process every <c>hb bench compute</c> measure runs: a Lua counter whose <c>compute</c> adds 1 to <c>count</c>.</summary>
public static class ComputeCounterProcess
{
    public const string Source = """
        function compute(base, request, opts)
          base.count = (base.count or 0) + 1
          return base
        end
        """;

    /// <summary>
    /// The device's default limits, made here rather than read from <see cref="LuaOptions.Default"/>: before main's
    /// a159826 that static was built ahead of the sandbox list it copies, and every VM failed to load.
    /// </summary>
    public static LuaOptions LuaOptions { get; } = new();

    public static Message Module { get; } = Message.Of(("content-type", "application/lua"), ("body", Source));

    /// <summary>A fresh process message (a nonce makes its ID new) with lua@5.3a as its execution device.</summary>
    public static Message Create() => Message.Of(
        ("type", "Process"),
        ("device", "process@1.0"),
        ("execution-device", LuaDevice.DeviceName),
        ("module", Module),
        ("nonce", Guid.NewGuid().ToString("N")));

    public static string IdOf(Message process) => MessageIds.All(process);

    /// <summary>A cheap scheduled message: what the counter gets is irrelevant, only that each slot runs.</summary>
    public static Message Input(long n) => Message.Of(("type", "Message"), ("action", "Count"), ("n", n));
}
