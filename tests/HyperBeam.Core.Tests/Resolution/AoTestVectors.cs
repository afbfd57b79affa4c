using System.Runtime.CompilerServices;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Resolution;

/// <summary>
/// The resolver test vectors of HyperBEAM's <c>hb_ao_test_vectors.erl</c>, one entry per HyperBEAM test, same name.
/// Each runs under every option profile in <see cref="Profiles"/>, as HyperBEAM's suite runs under its test_opts.
/// </summary>
public static class AoTestVectors
{
    /// <summary>HyperBEAM's no_cache (hashpath ignore) and normal (hashpath update) profiles; the cache ones need a store.</summary>
    public static readonly IReadOnlyDictionary<string, ResolveOptions> Profiles = new Dictionary<string, ResolveOptions>
    {
        ["no_cache"] = new() { Hashpath = HashpathMode.Ignore },
        ["normal"] = new() { Hashpath = HashpathMode.Update },
    };

    public static readonly IReadOnlyDictionary<string, Func<Resolver, ResolveOptions, Task>> Tests =
        new Dictionary<string, Func<Resolver, ResolveOptions, Task>>
        {
            ["resolve_simple"] = ResolveSimple,
            ["resolve_id"] = ResolveId,
            ["start_as"] = StartAs,
            ["start_as_with_parameters"] = StartAsWithParameters,
            ["as_path"] = AsPath,
            ["continue_as"] = ContinueAs,
            ["resolve_key_twice"] = ResolveKeyTwice,
            ["resolve_from_multiple_keys"] = ResolveFromMultipleKeys,
            ["resolve_path_element"] = ResolvePathElement,
            ["resolve_binary_key"] = ResolveBinaryKey,
            ["key_to_binary"] = KeyToBinary,
            ["key_from_id_device_with_args"] = KeyFromIdDeviceWithArgs,
            ["device_with_handler_function"] = DeviceWithHandlerFunction,
            ["device_with_default_handler_function"] = DeviceWithDefaultHandlerFunction,
            ["basic_get"] = BasicGet,
            ["recursive_get"] = RecursiveGet,
            ["deep_recursive_get"] = DeepRecursiveGet,
            ["basic_set"] = BasicSet,
            ["get_with_device"] = GetWithDevice,
            ["get_as_with_device"] = GetAsWithDevice,
            ["set_with_device"] = SetWithDevice,
            ["deep_set"] = DeepSet,
            ["deep_set_new_messages"] = DeepSetNewMessages,
            ["deep_set_with_device"] = DeepSetWithDevice,
            ["device_exports"] = DeviceExports,
            ["device_excludes"] = DeviceExcludes,
            ["denormalized_device_key"] = DenormalizedDeviceKey,
            ["list_transform"] = ListTransform,
            ["step_hook"] = StepHook,
            ["untrusted_load_device"] = UntrustedLoadDevice,
        };

    private static readonly Message AsTestMessage = Message.Of(
        ("device", "test-device@1.0"),
        ("test_func", Message.Of(("test_key", "MESSAGE"))));

    private static readonly Message Nested = Message.Of(
        ("key1", "value1"),
        ("key2", Message.Of(
            ("key3", "value3"),
            ("key4", Message.Of(
                ("key5", "value5"),
                ("key6", Message.Of(("key7", "value7"))))))));

    private static async Task ResolveSimple(Resolver r, ResolveOptions o) =>
        ResolveAssert.Ok("RESULT", await r.ResolveAsync(Message.Of(("a", "RESULT")), "a", o));

    private static async Task ResolveId(Resolver r, ResolveOptions o)
    {
        var id = Assert.IsType<AoBinary>(await r.GetAsync(Message.Of(("test_key", "1")), "id", o));
        Assert.Equal(43, id.Text.Length);
    }

    private static async Task StartAs(Resolver r, ResolveOptions o) =>
        ResolveAssert.Ok("GOOD_FUNCTION", await r.ResolveManyAsync(
            [ResolveInput.As("test-device@1.0", ""), Message.Of(("path", "test_func"))], o));

    private static async Task StartAsWithParameters(Resolver r, ResolveOptions o) =>
        ResolveAssert.Ok("GOOD_FUNCTION", await r.ResolveManyAsync(
            [ResolveInput.As("message@1.0", AsTestMessage), Message.Of(("path", "test_func"))], o));

    private static async Task AsPath(Resolver r, ResolveOptions o)
    {
        Assert.Equal<AoValue?>("GOOD_FUNCTION", await r.GetAsync(AsTestMessage, "test_func", o));
        var viaInput = ResolveAssert.OkMessage(await r.ResolveManyAsync(
            [AsTestMessage, ResolveInput.As("message@1.0", Message.Of(("path", "test_func")))], o));
        Assert.Equal("MESSAGE", viaInput.GetText("test_key"));
        var viaPath = ResolveAssert.OkMessage(await r.ResolveAsync(AsTestMessage, "test_func~message@1.0", o));
        Assert.Equal("MESSAGE", viaPath.GetText("test_key"));
    }

    private static async Task ContinueAs(Resolver r, ResolveOptions o)
    {
        ResolveAssert.Ok("MESSAGE", await r.ResolveManyAsync(
        [
            AsTestMessage,
            ResolveInput.As("message@1.0", ""),
            Message.Of(("path", "test_func")),
            Message.Of(("path", "test_key")),
        ], o));
        ResolveAssert.Ok("MESSAGE", await r.ResolveAsync(AsTestMessage, "~message@1.0/test_func/test_key", o));
    }

    private static async Task ResolveKeyTwice(Resolver r, ResolveOptions o)
    {
        ResolveAssert.Ok("1", await r.ResolveAsync(Message.Of(("a", "1")), "a", o));
        ResolveAssert.Ok("1", await r.ResolveAsync(Message.Of(("a", "1")), "a", o));
    }

    private static async Task ResolveFromMultipleKeys(Resolver r, ResolveOptions o) =>
        ResolveAssert.Ok(AoList.Of("a"), await r.ResolveAsync(Message.Of(("a", "1"), ("priv_a", "2")), "keys", o));

    private static async Task ResolvePathElement(Resolver r, ResolveOptions o)
    {
        ResolveAssert.Ok(AoList.Of("test_path"), await r.ResolveAsync(Message.Of(("path", AoList.Of("test_path"))), "path", o));
        ResolveAssert.Ok(AoList.Of("a"), await r.ResolveAsync(Message.Of(("Path", AoList.Of("a"))), "Path", o));
    }

    private static async Task ResolveBinaryKey(Resolver r, ResolveOptions o)
    {
        ResolveAssert.Ok("RESULT", await r.ResolveAsync(Message.Of(("a", "RESULT")), "a", o));
        ResolveAssert.Ok("1", await r.ResolveAsync(Message.Of(("Test-Header", "1")), "Test-Header", o));
    }

    private static Task KeyToBinary(Resolver r, ResolveOptions o)
    {
        Assert.Equal("a", MessageKeys.Normalize("a"));
        Assert.Equal("a", MessageKeys.Normalize("A"));
        Assert.Equal("1", MessageKeys.Normalize(1));
        return Task.CompletedTask;
    }

    private static async Task KeyFromIdDeviceWithArgs(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("device", "args-test@1.0"), ("state_key", "1"));
        ResolveAssert.Ok("1", await r.ResolveAsync(msg, Message.Of(("path", "key_using_only_state"), ("msg_key", "2")), o));
        ResolveAssert.Ok("13", await r.ResolveAsync(msg, Message.Of(("path", "key_using_state_and_msg"), ("msg_key", "3")), o));
        var withNodeKey = o with { Node = Message.Of(("opts_key", "37")) };
        ResolveAssert.Ok("1337", await r.ResolveAsync(msg, Message.Of(("path", "key_using_all"), ("msg_key", "3")), withNodeKey));
    }

    private static async Task DeviceWithHandlerFunction(Resolver r, ResolveOptions o) =>
        ResolveAssert.Ok("HANDLER VALUE", await r.ResolveAsync(
            Message.Of(("device", "handler-test@1.0"), ("test_key", "BAD")), "test_key", o));

    private static async Task DeviceWithDefaultHandlerFunction(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("device", "default-test@1.0"));
        ResolveAssert.Ok("STATE", await r.ResolveAsync(msg, "state_key", o));
        ResolveAssert.Ok("DEFAULT", await r.ResolveAsync(msg, "any_random_key", o));
    }

    private static async Task BasicGet(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("key1", "value1"), ("key2", "value2"));
        Assert.Equal<AoValue?>("value1", await r.GetAsync(msg, "key1", o));
        Assert.Equal<AoValue?>("value2", await r.GetAsync(msg, "key2", o));
        Assert.Equal<AoValue?>("value2", await r.GetAsync(msg, "key2", o));
        ResolveAssert.Ok("value2", await r.ResolveAsync(msg, Message.Of(("path", AoList.Of("key2"))), o));
    }

    private static async Task RecursiveGet(Resolver r, ResolveOptions o)
    {
        ResolveAssert.Ok("value1", await r.ResolveAsync(Nested, Message.Of(("path", "key1")), o));
        Assert.Equal<AoValue?>("value1", await r.GetAsync(Nested, "key1", o));
        ResolveAssert.Ok("value3", await r.ResolveAsync(Nested, Message.Of(("path", AoList.Of("key2", "key3"))), o));
        Assert.Equal<AoValue?>("value3", await r.GetAsync(Nested, "key2/key3", o));
    }

    private static async Task DeepRecursiveGet(Resolver r, ResolveOptions o) =>
        Assert.Equal<AoValue?>("value7", await r.GetAsync(Nested, "key2/key4/key6/key7", o));

    private static async Task BasicSet(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("key1", "value1"), ("key2", "value2"));
        var updated = ResolveAssert.OkMessage(await r.SetAsync(msg, Message.Of(("key1", "new_value1")), o));
        Assert.Equal<AoValue?>("new_value1", await r.GetAsync(updated, "key1", o));
        Assert.Equal<AoValue?>("value2", await r.GetAsync(updated, "key2", o));
    }

    private static async Task GetWithDevice(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("device", "args-test@1.0"), ("state_key", "STATE"));
        Assert.Equal<AoValue?>("STATE", await r.GetAsync(msg, "state_key", o));
        Assert.Equal<AoValue?>("STATE", await r.GetAsync(msg, "key_using_only_state", o));
    }

    private static async Task GetAsWithDevice(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("device", "handler-test@1.0"), ("test_key", "ACTUAL VALUE"));
        Assert.Equal<AoValue?>("HANDLER VALUE", await r.GetAsync(msg, "test_key", o));
        // HyperBEAM's get(Key, {as, Dev, Msg}) sets the device (through Msg's own `set`), then gets.
        var asMessage = ResolveAssert.OkMessage(await r.SetAsync(msg, "device", "message@1.0", o));
        Assert.Equal<AoValue?>("ACTUAL VALUE", await r.GetAsync(asMessage, "test_key", o));
        ResolveAssert.Ok("ACTUAL VALUE", await r.ResolveAsync(msg, "test_key~message@1.0", o));
    }

    private static async Task SetWithDevice(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("device", "set-count@1.0"), ("state_key", "STATE"));
        Assert.Equal<AoValue?>("STATE", await r.GetAsync(msg, "state_key", o));
        var once = ResolveAssert.OkMessage(await r.SetAsync(msg, Message.Of(("state_key", "SET_ONCE")), o));
        Assert.Equal<AoValue?>(".", await r.GetAsync(once, "set_count", o));
        var twice = ResolveAssert.OkMessage(await r.SetAsync(once, Message.Of(("state_key", "SET_TWICE")), o));
        Assert.Equal<AoValue?>("..", await r.GetAsync(twice, "set_count", o));
        Assert.Equal<AoValue?>("STATE", await r.GetAsync(twice, "state_key", o));
    }

    private static async Task DeepSet(Resolver r, ResolveOptions o)
    {
        var msg0 = Message.Of(("a", Message.Of(("b", "RESULT"))));
        var set = ResolveAssert.OkMessage(await r.SetAsync(msg0, "a/b", "RESULT2", o));
        Assert.Equal("RESULT2", set.GetMessage("a")!.GetText("b"));
        var msg = Message.Of(("a", Message.Of(("b", Message.Of(("c", "1"))))));
        var deep = ResolveAssert.OkMessage(await r.SetAsync(msg, "a/b/c", "2", o));
        Assert.Equal("2", deep.GetMessage("a")!.GetMessage("b")!.GetText("c"));
    }

    private static async Task DeepSetNewMessages(Resolver r, ResolveOptions o)
    {
        var msg0 = Message.Of(("a", Message.Of(("b", Message.Of(("c", "1"))))));
        var msg1 = ResolveAssert.OkMessage(await r.SetAsync(msg0, "d/e", "3", o));
        var msg2 = ResolveAssert.OkMessage(await r.SetAsync(msg1, "d/f", "4", o));
        Assert.Equal(Message.Of(
            ("a", Message.Of(("b", Message.Of(("c", "1"))))),
            ("d", Message.Of(("e", "3"), ("f", "4")))), msg2);
        var msg3 = ResolveAssert.OkMessage(await r.SetAsync(msg2, Message.Of(("z/a", "0"), ("z/b", "1"), ("z/y/x", "2")), o));
        Assert.Equal(Message.Of(
            ("a", Message.Of(("b", Message.Of(("c", "1"))))),
            ("d", Message.Of(("e", "3"), ("f", "4"))),
            ("z", Message.Of(("a", "0"), ("b", "1"), ("y", Message.Of(("x", "2")))))), msg3);
    }

    private static async Task DeepSetWithDevice(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(
            ("device", "modified-flag@1.0"),
            ("a", Message.Of(
                ("b", Message.Of(("device", "modified-flag@1.0"), ("c", "1"), ("modified", false))),
                ("modified", false))),
            ("modified", false));
        var outer = ResolveAssert.OkMessage(await r.SetAsync(msg, "a/b/c", "2", o));
        var a = Assert.IsType<Message>(await r.GetAsync(outer, "a", o));
        var b = Assert.IsType<Message>(await r.GetAsync(a, "b", o));
        Assert.Equal<AoValue?>("2", await r.GetAsync(b, "c", o));
        Assert.Equal<AoValue?>(AoAtom.True, await r.GetAsync(outer, "modified", o));
        Assert.Equal<AoValue?>(AoAtom.False, await r.GetAsync(a, "modified", o));
        Assert.Equal<AoValue?>(AoAtom.True, await r.GetAsync(b, "modified", o));
    }

    private static async Task DeviceExports(Resolver r, ResolveOptions o)
    {
        var message = r.Devices.Default.InfoFor(Message.Of(("device", "message@1.0")));
        Assert.True(message.IsExported("info"));
        Assert.True(message.IsExported("set"));
        Assert.True(message.IsExported("not_explicitly_exported"));

        Assert.True(r.Devices.TryGet("exports-set@1.0", out var exportsSet));
        var info = exportsSet.InfoFor(Message.Of(("device", "exports-set@1.0")));
        Assert.True(info.IsExported("info"));
        Assert.True(info.IsExported("set"));
        Assert.False(info.IsExported("not_exported"));

        var msg3 = Message.Of(("device", "exports-handler@1.0"), ("Test1", "BAD1"), ("test3", "GOOD3"));
        Assert.Equal<AoValue?>("Handler-Value", await r.GetAsync(msg3, "test1", o));
        Assert.Equal<AoValue?>("Handler-Value", await r.GetAsync(msg3, "test2", o));
        Assert.Equal<AoValue?>("GOOD3", await r.GetAsync(msg3, "test3", o));
        var withTest4 = ResolveAssert.OkMessage(await r.SetAsync(msg3, "Test4", "GOOD4", o));
        Assert.Equal<AoValue?>("GOOD4", await r.GetAsync(withTest4, "Test4"));
        Assert.Null(await r.GetAsync(msg3, "test5", o));
    }

    private static async Task DeviceExcludes(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("device", "excludes-set@1.0"), ("Test-Key", "Test-Value"));
        Assert.True(r.Devices.TryGet("excludes-set@1.0", out var device));
        Assert.True(device.InfoFor(msg).IsExported("test-key2"));
        Assert.False(device.InfoFor(msg).IsExported("set"));
        Assert.Equal<AoValue?>("Handler-Value", await r.GetAsync(msg, "test-key2", o));
        var set = ResolveAssert.OkMessage(await r.SetAsync(msg, "test-key2", "2", o));
        Assert.Equal("2", set.GetText("test-key2"));
    }

    private static async Task DenormalizedDeviceKey(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("Device", "test-device@1.0"));
        Assert.Equal<AoValue?>("test-device@1.0", await r.GetAsync(msg, "device", o));
        Assert.Equal<AoValue?>("test-device@1.0", await r.GetAsync(msg, "Device", o));
        Assert.True(r.Devices.TryLoad(msg, out var device, out _));
        Assert.Equal("test-device@1.0", r.Devices.FindFunction(device, msg, "test_func").Device.Name);
    }

    private static async Task ListTransform(Resolver r, ResolveOptions o)
    {
        var list = AoList.Of("A", "B", "C", "D", "E");
        string[] expected = ["A", "B", "C", "D", "E"];
        for (var i = 0; i < expected.Length; i++)
            ResolveAssert.Ok(expected[i], await r.ResolveManyAsync([ResolveInput.Of(list), MessageKeys.Normalize(i + 1)], o));
    }

    private static async Task StepHook(Resolver r, ResolveOptions o)
    {
        var steps = new StrongBox<int>();
        var withCounter = new Resolver(r.Devices.With(TestDevices.StepCounter(steps)));
        var hooked = o with { Node = Message.Of(("on", Message.Of(("step", Message.Of(("device", "step-counter@1.0")))))) };
        var msg = Message.Of(("a", Message.Of(("b", Message.Of(("c", "1"))))));
        ResolveAssert.Ok("1", await withCounter.ResolveAsync(msg, Message.Of(("path", "a/b/c")), hooked));
        Assert.Equal(3, steps.Value);
    }

    /// <summary>The observable half of untrusted_load_device_test: a device named by ID is not loaded.</summary>
    private static async Task UntrustedLoadDevice(Resolver r, ResolveOptions o)
    {
        var msg = Message.Of(("device", "VnYnaoOvankqXk13s502zpiq9PIaqFHDRcIrTNhyqKQ"));
        ResolveAssert.Error(ResolveErrorCodes.DeviceNotLoadable, await r.ResolveAsync(msg, "echo", o));
    }
}
