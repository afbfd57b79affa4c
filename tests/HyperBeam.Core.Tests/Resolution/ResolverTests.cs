using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Resolution;

/// <summary>The resolver's own contract: limits that come back as results, sequences, sub-resolutions, dispatch order.</summary>
public class ResolverTests
{
    private static readonly Resolver Resolver = new(TestDevices.Registry.With(
        Device.Create("subresolver@1.0",
            ("delegate", (b, _, _) => ValueTask.FromResult(ResolveResult.Resolve(b.GetMessage("target")!, "value"))),
            ("nothing", (_, _, _) => ValueTask.FromResult(default(ResolveResult))))));

    [Fact]
    public async Task An_unknown_device_is_an_error_result()
    {
        var result = await Resolver.ResolveAsync(Message.Of(("device", "nope@1.0")), "a");
        ResolveAssert.Error(ResolveErrorCodes.UnknownDevice, result);
        Assert.Contains("nope@1.0", result.ErrorMessage);
    }

    [Fact]
    public async Task A_device_key_that_is_not_a_name_is_an_error_result() =>
        ResolveAssert.Error(ResolveErrorCodes.UnknownDevice, await Resolver.ResolveAsync(Message.Of(("device", Message.Empty)), "a"));

    [Theory]
    [InlineData("")]
    [InlineData("//")]
    [InlineData("a~")]
    public async Task A_malformed_path_is_an_error_result(string path) =>
        ResolveAssert.Error(ResolveErrorCodes.MalformedPath, await Resolver.ResolveAsync(Message.Of(("a", "1")), path));

    [Fact]
    public async Task A_request_without_a_path_is_an_error_result() =>
        ResolveAssert.Error(ResolveErrorCodes.MalformedPath, await Resolver.ResolveAsync(Message.Of(("a", "1")), Message.Of(("b", "2"))));

    [Fact]
    public async Task The_empty_path_returns_the_base()
    {
        var msg = Message.Of(("a", "1"));
        ResolveAssert.Ok(msg, await Resolver.ResolveAsync(msg, "/"));
    }

    [Fact]
    public async Task A_key_over_512_bytes_is_an_error_result() =>
        ResolveAssert.Error(ResolveErrorCodes.KeyTooLong, await Resolver.ResolveAsync(Message.Of(("a", "1")), "a/" + new string('k', 513)));

    [Fact]
    public async Task Recursion_past_the_depth_limit_fails_with_the_infinite_recursion_marker()
    {
        var result = await Resolver.ResolveAsync(Message.Of(("device", "recursive@1.0")), "loop");
        ResolveAssert.Error(ResolveErrorCodes.InfiniteRecursion, result);
        Assert.Equal(ResolveStatus.Failure, result.Status);
        Assert.Equal<AoValue?>(508, result.Message?.Get("status"));
    }

    [Fact]
    public async Task The_depth_limit_is_an_option()
    {
        var shallow = new ResolveOptions { MaxDepth = 0 };
        ResolveAssert.Error(ResolveErrorCodes.InfiniteRecursion,
            await Resolver.ResolveAsync(Message.Of(("a", Message.Of(("b", "1")))), "a~message@1.0", shallow));
        ResolveAssert.Ok("1", await Resolver.ResolveAsync(Message.Of(("a", Message.Of(("b", "1")))), "a/b", shallow));
    }

    [Fact]
    public async Task A_throwing_device_is_an_error_result_with_its_message()
    {
        var result = await Resolver.ResolveAsync(Message.Of(("device", "throwing@1.0")), "k");
        ResolveAssert.Error(ResolveErrorCodes.DeviceThrew, result);
        Assert.Contains("boom on k", result.ErrorMessage);
    }

    [Fact]
    public async Task A_device_returning_no_result_is_an_error_result() =>
        ResolveAssert.Error(ResolveErrorCodes.DeviceThrew, await Resolver.ResolveAsync(Message.Of(("device", "subresolver@1.0")), "nothing"));

    [Fact]
    public async Task A_missing_key_is_not_found_and_ends_the_path()
    {
        ResolveAssert.Status(ResolveStatus.NotFound, await Resolver.ResolveAsync(Message.Of(("a", "1")), "b/c"));
        // A literal has no keys.
        ResolveAssert.Status(ResolveStatus.NotFound, await Resolver.ResolveAsync(Message.Of(("a", "1")), "a/c"));
    }

    [Fact]
    public async Task A_device_can_ask_for_a_subresolution()
    {
        var msg = Message.Of(("device", "subresolver@1.0"), ("target", Message.Of(("value", "deep"))));
        ResolveAssert.Ok("deep", await Resolver.ResolveAsync(msg, "delegate"));
    }

    [Fact]
    public async Task A_subresolution_in_a_sequence_stands_in_for_its_result()
    {
        var inner = ResolveInput.Resolve(Message.Of(("k", "a")), "k");
        ResolveAssert.Ok("1", await Resolver.ResolveManyAsync([Message.Of(("a", "1")), inner]));
        var asBase = ResolveInput.Resolve(Message.Of(("m", Message.Of(("a", "2")))), "m");
        ResolveAssert.Ok("2", await Resolver.ResolveManyAsync([asBase, "a"]));
    }

    [Fact]
    public async Task In_a_sequence_each_request_resolves_only_its_first_path_key()
    {
        // HyperBEAM's resolve_many runs one key per message; the rest of a multi-part path is not followed.
        var msg = Message.Of(("a", Message.Of(("b", "1"))));
        var result = ResolveAssert.OkMessage(await Resolver.ResolveManyAsync([msg, Message.Of(("path", "a/b"))]));
        Assert.Equal("1", result.GetText("b"));
    }

    [Fact]
    public async Task A_single_element_sequence_is_its_own_result_and_an_id_needs_a_store()
    {
        var msg = Message.Of(("a", "1"));
        ResolveAssert.Ok(msg, await Resolver.ResolveManyAsync([msg]));
        ResolveAssert.Error(ResolveErrorCodes.MessageUnavailable, await Resolver.ResolveManyAsync(["VnYnaoOvankqXk13s502zpiq9PIaqFHDRcIrTNhyqKQ"]));
        ResolveAssert.Error(ResolveErrorCodes.InvalidRequest, await Resolver.ResolveManyAsync([]));
    }

    [Fact]
    public async Task Request_keys_reach_every_step_of_a_path()
    {
        var msg = Message.Of(("device", "args-test@1.0"), ("state_key", "S"), ("next", Message.Of(("device", "args-test@1.0"), ("state_key", "T"))));
        var result = await Resolver.ResolveAsync(msg, Message.Of(("path", "next/key_using_state_and_msg"), ("msg_key", "M")));
        ResolveAssert.Ok("TM", result);
    }

    [Fact]
    public async Task Function_names_match_with_dash_or_underscore_and_any_case()
    {
        var msg = Message.Of(("device", "args-test@1.0"), ("state_key", "S"));
        ResolveAssert.Ok("S", await Resolver.ResolveAsync(msg, "key-using-only-state"));
        ResolveAssert.Ok("S", await Resolver.ResolveAsync(msg, "Key_Using_Only_State"));
        var set = ResolveAssert.OkMessage(await Resolver.ResolveAsync(Message.Of(("a", 1)), Message.Of(("path", "set-path"), ("value", "p"))));
        Assert.Equal("p", set.GetText("path"));
    }

    [Fact]
    public void Dispatch_prefers_handler_then_function_then_default_then_message()
    {
        var registry = DeviceRegistry.Preloaded;
        DeviceFunction handler = (_, _, _) => default, function = (_, _, _) => default, fallback = (_, _, _) => default;
        var all = Device.Create("all@1.0", new DeviceInfo { Handler = handler, Default = fallback }, ("k", function));
        var noHandler = Device.Create("nh@1.0", new DeviceInfo { Default = fallback }, ("k", function));
        var onlyDefault = Device.Create("od@1.0", new DeviceInfo { Default = fallback, Exports = ["x"] });
        var msg = Message.Empty;
        Assert.Same(handler, registry.FindFunction(all, msg, "k").Function);
        Assert.Same(function, registry.FindFunction(noHandler, msg, "k").Function);
        Assert.Same(fallback, registry.FindFunction(noHandler, msg, "other").Function);
        Assert.Same(fallback, registry.FindFunction(onlyDefault, msg, "x").Function);
        Assert.Equal(MessageDevice.DeviceName, registry.FindFunction(onlyDefault, msg, "y").Device.Name);
    }

    [Fact]
    public void Device_names_must_be_name_at_version()
    {
        Assert.Throws<ArgumentException>(() => new Device("nameless"));
        Assert.Throws<ArgumentException>(() => new Device("x@"));
        Assert.Equal("upper@1.0", new Device("Upper@1.0").Name);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Resolver.ResolveAsync(Message.Of(("a", "1")), "a", cancellationToken: cts.Token));
    }
}
