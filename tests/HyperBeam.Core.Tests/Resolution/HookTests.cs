using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Tests.Support;

namespace HyperBeam.Core.Tests.Resolution;

/// <summary>The tests of HyperBEAM's <c>dev_hook.erl</c>, one row per test, plus the request/step/response hooks in use.</summary>
public class HookTests
{
    private static ValueTask<ResolveResult> Ok(AoValue value) => ValueTask.FromResult(ResolveResult.Ok(value));

    private static readonly Resolver Resolver = new(DeviceRegistry.Preloaded.With(
        Device.Create("hook1@1.0", ("test-hook", (_, r, _) => Ok(r.Set("handler1", true)))),
        Device.Create("hook2@1.0", ("test-hook", (_, r, _) => Ok(r.Set("handler2", true)))),
        Device.Create("hook3@1.0", ("test-hook", (_, r, _) => Ok(r.Set("handler3", true)))),
        Device.Create("hook-error@1.0", ("test-hook", (_, _, _) => ValueTask.FromResult(ResolveResult.Error("Error in handler2")))),
        Device.Create("hook-created@1.0", ("test-hook", (_, r, _) => ValueTask.FromResult(ResolveResult.Created(r)))),
        Device.Create("step-denier@1.0", ("step", (_, r, _) =>
            ValueTask.FromResult(r.GetMessage("request")?.GetText("path") == "b"
                ? new ResolveResult(ResolveStatus.Error, "denied b")
                : ResolveResult.Ok(r)))),
        Device.Create("step-rewriter@1.0", ("step", (_, r, _) =>
            Ok(r.Set("body", r.Get("body") is AoBinary b ? b.Text.ToUpperInvariant() : r.Get("body")!)))),
        Device.Create("request-rewriter@1.0", ("request", (_, r, _) =>
            Ok(r.Set("body", AoList.Of(Message.Of(("a", "from-hook")), "a"))))),
        Device.Create("signers@1.0",
            ("signers", (_, _, c) => Ok(string.Join(",", c.Options.Authority.Signers.Order()))),
            ("request", (_, r, _) => Ok(r)),
            ("response", (_, r, c) => Ok(r.Set("body", $"{string.Join(",", c.Options.Authority.Signers.Order())} then {r.GetText("body")}")))),
        Device.Create("to-signers@1.0", ("request", (_, r, _) =>
            Ok(r.Set("body", AoList.Of(Message.Of(("device", "signers@1.0")), "signers"))))),
        Device.Create("response-wrapper@1.0", ("response", (_, r, _) =>
            Ok(r.Set("body", Message.Of(("wrapped", r.Get("body")!), ("status", r.Get("status")!))))))));

    private static ResolveOptions On(params (string Hook, object Handlers)[] hooks)
    {
        var on = new MessageBuilder();
        foreach (var (hook, handlers) in hooks) on.Set(hook, AoValue.From(handlers));
        return new ResolveOptions { Node = Message.Of(("on", on.Build())) };
    }

    private static Message Handler(string device) => Message.Of(("device", device));

    private static readonly Message Req = Message.Of(("test", "value"));

    private static readonly Dictionary<string, Func<Task>> Tests = new()
    {
        ["no_handlers"] = async () => ResolveAssert.Ok(Req, await Resolver.RunHookAsync("test_hook", Req)),

        ["single_handler"] = async () =>
        {
            var result = ResolveAssert.OkMessage(await Resolver.RunHookAsync("test-hook", Req, On(("test-hook", Handler("hook1@1.0")))));
            Assert.Equal(AoAtom.True, result.Get("handler1"));
        },

        ["multiple_handlers"] = async () =>
        {
            var options = On(("test-hook", AoList.Of(Handler("hook1@1.0"), Handler("hook2@1.0"))));
            var result = ResolveAssert.OkMessage(await Resolver.RunHookAsync("test-hook", Req, options));
            Assert.Equal(AoAtom.True, result.Get("handler1"));
            Assert.Equal(AoAtom.True, result.Get("handler2"));
        },

        ["halt_on_error"] = async () =>
        {
            var options = On(("test-hook", AoList.Of(Handler("hook1@1.0"), Handler("hook-error@1.0"), Handler("hook3@1.0"))));
            var result = await Resolver.RunHookAsync("test-hook", Req, options);
            ResolveAssert.Status(ResolveStatus.Error, result);
            Assert.Equal<AoValue>("Error in handler2", result.Value);
        },
    };

    public static TheoryData<string> Cases() => new(Tests.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Dev_hook_test(string test) => Tests[test]();

    [Fact]
    public async Task A_handler_answering_an_unexpected_status_is_a_failure()
    {
        var result = await Resolver.RunHookAsync("test-hook", Req, On(("test-hook", Handler("hook-created@1.0"))));
        ResolveAssert.Error(ResolveErrorCodes.HookFailed, result);
        Assert.Equal(ResolveStatus.Failure, result.Status);
    }

    [Fact]
    public async Task Hook_result_ignore_keeps_the_input()
    {
        var handler = Handler("hook1@1.0").Set("hook", Message.Of(("result", "ignore")));
        ResolveAssert.Ok(Req, await Resolver.RunHookAsync("test-hook", Req, On(("test-hook", handler))));
    }

    [Fact]
    public async Task A_non_ok_step_hook_halts_the_resolution_with_its_status()
    {
        var msg = Message.Of(("a", Message.Of(("b", Message.Of(("c", "1"))))));
        var result = await Resolver.ResolveAsync(msg, "a/b/c", On(("step", Handler("step-denier@1.0"))));
        ResolveAssert.Status(ResolveStatus.Error, result);
        Assert.Equal<AoValue>("denied b", result.Value);
    }

    [Fact]
    public async Task A_step_hook_may_rewrite_each_step_result()
    {
        var msg = Message.Of(("a", Message.Of(("b", "low"))));
        ResolveAssert.Ok("LOW", await Resolver.ResolveAsync(msg, "a/b", On(("step", Handler("step-rewriter@1.0")))));
    }

    [Fact]
    public async Task The_request_hook_may_rewrite_the_sequence_and_the_response_hook_the_result()
    {
        var options = On(("request", Handler("request-rewriter@1.0")), ("response", Handler("response-wrapper@1.0")));
        var result = await Resolver.ResolveRequestAsync(Message.Of(("path", "/x")), [Message.Of(("x", "ignored")), "x"], options);
        var body = ResolveAssert.OkMessage(result);
        Assert.Equal("from-hook", body.GetText("wrapped"));
        Assert.Equal(AoAtom.Of("ok"), body.Get("status"));
    }

    [Fact]
    public async Task Without_request_hooks_a_request_resolves_its_sequence_unchanged()
    {
        var result = await Resolver.ResolveRequestAsync(Message.Of(("path", "/a")), [Message.Of(("a", "1")), "a"]);
        ResolveAssert.Ok("1", result);
    }

    private static readonly RequestAuthority Operator = new(new HashSet<string> { "operator-address" }, FromHost: true);

    [Fact]
    public async Task Hooks_run_with_the_requests_authority_and_a_sequence_the_request_hook_kept_keeps_it()
    {
        var options = On(("request", Handler("signers@1.0")), ("response", Handler("signers@1.0"))) with { Authority = Operator };
        var result = await Resolver.ResolveRequestAsync(Message.Empty, [Message.Of(("device", "signers@1.0")), "signers"], options);
        ResolveAssert.Ok("operator-address then operator-address", result);
    }

    [Fact]
    public async Task A_sequence_the_request_hook_rewrote_runs_with_no_ones_authority()
    {
        var options = On(("request", Handler("to-signers@1.0"))) with { Authority = Operator };
        var result = await Resolver.ResolveRequestAsync(Message.Empty, [Message.Of(("a", "1")), "a"], options);
        ResolveAssert.Ok("", result);
    }

    [Fact]
    public async Task A_non_ok_request_hook_answers_instead_of_the_resolution()
    {
        var options = On(("request", AoList.Of(Handler("hook-error@1.0"))));
        // The handler answers `test-hook`, not `request`: message@1.0 takes the key and does not find it.
        var result = await Resolver.ResolveRequestAsync(Message.Empty, [Message.Of(("a", "1")), "a"], options);
        ResolveAssert.Status(ResolveStatus.NotFound, result);
    }
}
