using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Devices;

/// <summary>The tests of HyperBEAM's <c>dev_stack.erl</c>, one row per test, plus the C# port's own guarantees.</summary>
public class StackDeviceTests
{
    private static readonly Resolver Resolver = new(DeviceRegistry.Preloaded.With(
        StackTestDevices.Append("append-underscore@1.0", "_"),
        StackTestDevices.Append("append-d1-bang@1.0", "!D1!"),
        StackTestDevices.Append("append-d2-underscore@1.0", "_D2_"),
        StackTestDevices.Append("append-d1@1.0", "+D1"),
        StackTestDevices.Append("append-d2@1.0", "+D2"),
        StackTestDevices.Append("append-d3@1.0", "+D3"),
        StackTestDevices.Append("append-d4@1.0", "+D4"),
        StackTestDevices.Append("append-d5@1.0", "+D5"),
        StackTestDevices.Append("append-d6@1.0", "+D6"),
        StackTestDevices.Append("append-d7@1.0", "+D7"),
        StackTestDevices.Append("append-d8@1.0", "+D8"),
        StackTestDevices.Append("append-d1-skip@1.0", "+D1", ResolveStatus.Skip),
        StackTestDevices.Append("append-d1-pass@1.0", "+D1", ResolveStatus.Pass),
        StackTestDevices.Append("append-d2-special@1.0", "+D2", withSpecial: true),
        StackTestDevices.PrefixSet,
        StackTestDevices.MakeCool,
        TestDevices.Throwing,
        Device.Create("always-pass@1.0", ("append", (b, _, _) => ValueTask.FromResult(ResolveResult.Pass(b))))));

    private static readonly Message AppendTwo = Message.Of(("path", "append"), ("bin", "2"));

    private static Message Stack(params string[] devices) => Message.Of(
        ("device", "Stack@1.0"),
        ("device-stack", Numbered(devices)),
        ("result", "INIT"));

    private static Message Numbered(params string[] devices)
    {
        var builder = new MessageBuilder();
        for (var i = 0; i < devices.Length; i++) builder.Set(MessageKeys.Normalize(i + 1), devices[i]);
        return builder.Build();
    }

    private static Message PrefixStack(params (string Key, object? Value)[] extra)
    {
        var builder = Message.Of(("device", "Stack@1.0"), ("device-stack", Numbered("prefix-set@1.0", "prefix-set@1.0"))).ToBuilder();
        foreach (var (key, value) in extra) builder.Set(key, AoValue.From(value));
        return builder.Build();
    }

    private static readonly Dictionary<string, Func<Task>> Tests = new()
    {
        ["transform_internal_call_device"] = async () =>
        {
            var msg1 = Message.Of(("device", "Stack@1.0"), ("device-stack", Message.Of(("1", "append-underscore@1.0"), ("2", "Message@1.0"))));
            var transformed = ResolveAssert.OkMessage(StackDevice.Transform(msg1, "2", "2"));
            Assert.Equal("Message@1.0", transformed.GetText("device"));
            var viaPath = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg1, "transform/2"));
            Assert.Equal("Message@1.0", viaPath.GetText("device"));
        },

        ["transform_external_call_device"] = async () =>
        {
            var msg1 = Message.Of(
                ("device", "Stack@1.0"),
                ("device-stack", Message.Of(("make-cool", "make-cool@1.0"))),
                ("value", "Super"));
            var result = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg1, Message.Of(("path", "/transform/make-cool/value"))));
            Assert.Equal("Super-Cool", result.GetText("value"));
        },

        ["example_device_for_stack"] = async () =>
        {
            var result = ResolveAssert.OkMessage(await Resolver.ResolveAsync(
                Message.Of(("device", "append-underscore@1.0"), ("result", "1")), AppendTwo));
            Assert.Equal("1_2", result.GetText("result"));
        },

        ["simple_stack_execute"] = async () =>
        {
            var result = ResolveAssert.OkMessage(await Resolver.ResolveAsync(Stack("append-d1-bang@1.0", "append-d2-underscore@1.0"), AppendTwo));
            Assert.Equal("INIT!D1!2_D2_2", result.GetText("result"));
        },

        ["many_devices"] = async () =>
        {
            var stack = Stack(Enumerable.Range(1, 8).Select(i => $"append-d{i}@1.0").ToArray());
            var result = ResolveAssert.OkMessage(await Resolver.ResolveAsync(stack, AppendTwo));
            Assert.Equal("INIT+D12+D22+D32+D42+D52+D62+D72+D82", result.GetText("result"));
        },

        ["no_prefix"] = async () =>
        {
            var msg2 = Message.Of(("path", "prefix_set"), ("key", "example"), ("example", 1));
            var msg3 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(PrefixStack(), msg2));
            Assert.Equal<AoValue?>(1, await Resolver.GetAsync(msg3, "example"));
        },

        ["output_prefix"] = async () =>
        {
            var msg1 = PrefixStack(("output-prefixes", Message.Of(("1", "out1/"), ("2", "out2/"))));
            var msg2 = Message.Of(("path", "prefix_set"), ("key", "example"), ("example", 1));
            var msg3 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg1, msg2));
            Assert.Equal<AoValue?>(1, MessageDevice.GetValue(msg3, ["out1", "example"]));
            Assert.Equal<AoValue?>(1, MessageDevice.GetValue(msg3, ["out2", "example"]));
        },

        ["input_and_output_prefixes"] = async () =>
        {
            var msg1 = PrefixStack(
                ("input-prefixes", Message.Of(("1", "in1/"), ("2", "in2/"))),
                ("output-prefixes", Message.Of(("1", "out1/"), ("2", "out2/"))));
            var msg2 = Message.Of(
                ("path", "prefix_set"), ("key", "example"),
                ("in1", Message.Of(("example", 1))), ("in2", Message.Of(("example", 2))));
            var msg3 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg1, msg2));
            Assert.Equal<AoValue?>(1, MessageDevice.GetValue(msg3, ["out1", "example"]));
            Assert.Equal<AoValue?>(2, MessageDevice.GetValue(msg3, ["out2", "example"]));
        },

        ["input_output_prefixes_passthrough"] = async () =>
        {
            var msg1 = PrefixStack(("output-prefix", "combined-out/"), ("input-prefix", "combined-in/"));
            var msg2 = Message.Of(("path", "prefix_set"), ("key", "example"), ("combined-in", Message.Of(("example", 1))));
            var msg3 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg1, msg2));
            Assert.Equal<AoValue?>(1, MessageDevice.GetValue(msg3, ["combined-out", "example"]));
        },

        ["reinvocation"] = async () =>
        {
            var res1 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(Stack("append-d1@1.0", "append-d2@1.0"), AppendTwo));
            Assert.Equal("INIT+D12+D22", res1.GetText("result"));
            var res2 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(res1, Message.Of(("path", "append"), ("bin", "3"))));
            Assert.Equal("INIT+D12+D22+D13+D23", res2.GetText("result"));
        },

        ["skip"] = async () =>
        {
            var result = ResolveAssert.OkMessage(await Resolver.ResolveAsync(Stack("append-d1-skip@1.0", "append-d2@1.0"), AppendTwo));
            Assert.Equal("INIT+D12", result.GetText("result"));
        },

        ["pass"] = async () =>
        {
            var result = ResolveAssert.OkMessage(await Resolver.ResolveAsync(
                Stack("append-d1-pass@1.0"), Message.Of(("path", "append"), ("bin", "_"))));
            Assert.Equal("INIT+D1_+D1_", result.GetText("result"));
        },

        ["not_found"] = async () =>
        {
            var msg3 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(
                Stack("append-d1@1.0", "append-d2-special@1.0"), Message.Of(("path", "append"), ("bin", "_"))));
            Assert.Equal("INIT+D1_+D2_", msg3.GetText("result"));
            Assert.Equal<AoValue?>(1337, await Resolver.GetAsync(msg3, "special/output"));
        },

        ["simple_map"] = async () =>
        {
            var msg3 = ResolveAssert.OkMessage(await Resolver.ResolveAsync(
                Stack("append-d1@1.0", "append-d2@1.0"), Message.Of(("path", "append"), ("mode", "Map"), ("bin", "/"))));
            Assert.Equal<AoValue?>("INIT+D1/", await Resolver.GetAsync(msg3, "1/result"));
            Assert.Equal<AoValue?>("INIT+D2/", await Resolver.GetAsync(msg3, "2/result"));
        },
    };

    public static TheoryData<string> Cases() => new(Tests.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Dev_stack_test(string test) => Tests[test]();

    [Fact]
    public async Task The_stack_puts_its_own_keys_back_after_a_fold()
    {
        var input = Stack("append-d1@1.0", "append-d2@1.0").Set("input-prefix", "in/");
        var result = ResolveAssert.OkMessage(await Resolver.ResolveAsync(input, AppendTwo));
        Assert.Equal("Stack@1.0", result.GetText("device"));
        Assert.Equal("in/", result.GetText("input-prefix"));
        Assert.Null(result.Get("output-prefix"));
        Assert.Null(result.Get("device-key"));
        Assert.Null(result.Get("pass"));
        Assert.Equal(input.Set("result", "INIT+D12+D22"), result);
    }

    [Fact]
    public async Task A_list_is_a_device_stack_too()
    {
        var msg = Message.Of(("device", "stack@1.0"), ("device-stack", AoList.Of("append-d1@1.0", "append-d2@1.0")), ("result", "INIT"));
        ResolveAssert.Ok("INIT+D12+D22", await Resolver.ResolveAsync(msg, Message.Of(("path", "append/result"), ("bin", "2"))));
    }

    [Fact]
    public async Task Stack_keys_limit_the_keys_the_stack_routes()
    {
        var msg = Stack("append-d1@1.0").Set("stack-keys", AoList.Of("append"));
        ResolveAssert.Ok("INIT+D12", await Resolver.ResolveAsync(msg, Message.Of(("path", "append/result"), ("bin", "2"))));
        // `result` is not a stack key, so message@1.0 answers it directly, without running the stack.
        ResolveAssert.Ok("INIT", await Resolver.ResolveAsync(msg, "result"));
    }

    [Fact]
    public async Task Passes_bounds_the_number_of_passes()
    {
        var msg = Stack("append-d1-pass@1.0").Set("passes", 2);
        var result = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg, Message.Of(("path", "append"), ("bin", "_"))));
        Assert.Equal("INIT+D1_+D1_", result.GetText("result"));
        var once = ResolveAssert.OkMessage(await Resolver.ResolveAsync(msg.Set("passes", 1), Message.Of(("path", "append"), ("bin", "_"))));
        Assert.Equal("INIT+D1_", once.GetText("result"));
    }

    [Fact]
    public async Task Endless_passes_hit_the_recursion_limit_instead_of_looping()
    {
        var result = await Resolver.ResolveAsync(Stack("always-pass@1.0"), Message.Of(("path", "append"), ("bin", "_")));
        ResolveAssert.Error(ResolveErrorCodes.InfiniteRecursion, result);
        Assert.Equal(ResolveStatus.Failure, result.Status);
    }

    [Fact]
    public async Task A_failing_device_fails_the_stack_with_its_reason()
    {
        var result = await Resolver.ResolveAsync(Stack("append-d1@1.0", "throwing@1.0"), AppendTwo);
        ResolveAssert.Error(ResolveErrorCodes.DeviceThrew, result);
        Assert.Contains("device 2", result.ErrorMessage);
    }

    [Fact]
    public async Task Without_a_device_stack_the_stack_answers_an_error() =>
        ResolveAssert.Status(ResolveStatus.Error, await Resolver.ResolveAsync(Message.Of(("device", "stack@1.0")), "anything"));

    [Fact]
    public async Task An_unknown_mode_is_an_error() =>
        ResolveAssert.Status(ResolveStatus.Error, await Resolver.ResolveAsync(
            Stack("append-d1@1.0"), Message.Of(("path", "append"), ("bin", "2"), ("mode", "Sideways"))));
}
