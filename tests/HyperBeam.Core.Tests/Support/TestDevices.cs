using System.Runtime.CompilerServices;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Tests.Support;

/// <summary>C# equivalents of the devices HyperBEAM's resolver tests build inline (hb_ao_test_vectors, dev_test).</summary>
public static class TestDevices
{
    private static ValueTask<ResolveResult> Ok(AoValue value) => ValueTask.FromResult(ResolveResult.Ok(value));

    private static string Text(Message m, string key) => m.GetText(key) ?? throw new InvalidOperationException($"no {key}");

    /// <summary>generate_device_with_keys_using_args: keys reading the base, the request, then the node options too.</summary>
    public static Device KeysUsingArgs { get; } = Device.Create("args-test@1.0",
        ("key_using_only_state", (b, _, _) => Ok(Text(b, "state_key"))),
        ("key_using_state_and_msg", (b, r, _) => Ok(Text(b, "state_key") + Text(r, "msg_key"))),
        ("key_using_all", (b, r, c) => Ok(Text(b, "state_key") + Text(r, "msg_key") + Text(c.Node, "opts_key"))));

    /// <summary>gen_default_device: a default function for unknown keys, plus one real key.</summary>
    public static Device DefaultHandler { get; } = Device.Create("default-test@1.0",
        new DeviceInfo { Default = (_, _, _) => Ok("DEFAULT") },
        ("state_key", (_, _, _) => Ok("STATE")));

    /// <summary>gen_handler_device: a handler for every key, delegating `set` to message@1.0.</summary>
    public static Device Handler { get; } = new Device("handler-test@1.0", new DeviceInfo
    {
        Handler = (b, r, c) => c.Key == "set"
            ? Ok(MessageDevice.SetValues(b, r))
            : Ok("HANDLER VALUE"),
    });

    /// <summary>dev_test (test-device@1.0): test_func answers GOOD_FUNCTION.</summary>
    public static Device TestDevice { get; } = Device.Create("test-device@1.0", ("test_func", (_, _, _) => Ok("GOOD_FUNCTION")));

    /// <summary>set_with_device_test's device: `set` only counts the calls.</summary>
    public static Device SetCounting { get; } = Device.Create("set-count@1.0",
        ("set", (b, _, _) => Ok(b.Set("set_count", (b.GetText("set_count") ?? "") + "."))));

    /// <summary>deep_set_with_device_test's device: `set` writes the first key and flags the message modified.</summary>
    public static Device ModifiedFlag { get; } = Device.Create("modified-flag@1.0",
        ("set", (b, r, _) =>
        {
            var (key, value) = r.Without("path").Entries[0];
            return Ok(b.Set(key, value).Set("modified", true));
        }));

    /// <summary>device_exports_test's first device: exports only `set`.</summary>
    public static Device ExportsSet { get; } = Device.Create("exports-set@1.0",
        new DeviceInfo { Exports = ["set"] },
        ("set", (_, _, _) => Ok("SET")));

    /// <summary>device_exports_test's second device: a handler for test1/Test2 only.</summary>
    public static Device ExportsWithHandler { get; } = new("exports-handler@1.0", new DeviceInfo
    {
        Exports = ["test1", "Test2"],
        Handler = (_, _, _) => Ok("Handler-Value"),
    });

    /// <summary>device_excludes_test's device: a handler for everything but `set`.</summary>
    public static Device ExcludesSet { get; } = new("excludes-set@1.0", new DeviceInfo
    {
        Excludes = ["set"],
        Handler = (_, _, _) => Ok("Handler-Value"),
    });

    /// <summary>Resolves the same key on the same message again: recursion without end.</summary>
    public static Device Recursive { get; } = new("recursive@1.0", new DeviceInfo
    {
        Handler = (b, _, c) => c.ResolveAsync(b, c.Key),
    });

    public static Device Throwing { get; } = new("throwing@1.0", new DeviceInfo
    {
        Handler = (_, _, c) => throw new InvalidOperationException($"boom on {c.Key}"),
    });

    /// <summary>step_hook_test's handler device: counts the steps it sees and passes the request on.</summary>
    public static Device StepCounter(StrongBox<int> count) => Device.Create("step-counter@1.0",
        ("step", (_, r, _) =>
        {
            Interlocked.Increment(ref count.Value);
            return Ok(r);
        }));

    public static DeviceRegistry Registry { get; } = DeviceRegistry.Preloaded.With(
        KeysUsingArgs, DefaultHandler, Handler, TestDevice, SetCounting, ModifiedFlag,
        ExportsSet, ExportsWithHandler, ExcludesSet, Recursive, Throwing);
}
