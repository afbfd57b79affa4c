using Akka.TestKit.Xunit2;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Commitments;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Core.Wallets;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Devices.Process;
using HyperBeam.Processes.Devices.Push;
using HyperBeam.Processes.Devices.Scheduler;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Devices;

/// <summary>Two processes, A and B, behind a test region: what A sends to B reaches B's schedule and is computed there.</summary>
public sealed class PushDeviceTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly Message _a = TestProcesses.Process(MailerDevice.Name);
    private readonly Message _b = TestProcesses.Process(MailerDevice.Name);
    private readonly ActorGateway _gateway;
    private readonly Resolver _resolver;

    public PushDeviceTests() : base(ComputeTestConfig.InMemory)
    {
        var settings = new ComputeSettings { Devices = DeviceRegistry.Preloaded.With(MailerDevice.Create()) };
        _gateway = new ActorGateway(Sys.ActorOf(TestProcessRegion.Props([_a, _b], settings)), Wait);
        _resolver = new Resolver(DeviceRegistry.Preloaded.With(new ProcessDevice(_gateway), new PushDevice(_gateway), new SchedulerDevice(_gateway)));
    }

    private string A => TestProcesses.IdOf(_a);

    private string B => TestProcesses.IdOf(_b);

    [Fact]
    public async Task Pushing_a_slot_schedules_its_outbox_on_the_target_and_computes_it_there()
    {
        var scheduled = (Scheduled)await _gateway.AskAsync(new Schedule(A, Message.Of(("label", "go"), ("forward-to", B))));

        var pushed = await _resolver.ResolveAsync(_a, Message.Of(("path", "push"), ("slot", scheduled.Slot)));

        Assert.True(pushed.IsOk, pushed.ToString());
        var downstream = pushed.Message!.GetMessage("1")!;
        Assert.Equal(B, downstream.GetText("target"));
        Assert.Equal(new AoInteger(1), downstream.Get("slot"));
        Assert.Equal(B, downstream.GetMessage("resulted-in")!.GetText("process"));
        // result-depth 1: the first slot's results in full, downstream ones as a tree only.
        Assert.Null(downstream.GetMessage("resulted-in")!.Get("data"));
        Assert.Equal("go", pushed.Message!.GetText("data"));

        var page = (SchedulePage)await _gateway.AskAsync(new GetSchedule(B, 1, 1));
        var delivered = page.Assignments.Single().GetMessage("body")!;
        Assert.Equal(A, delivered.GetText("from-process"));
        Assert.Equal("Message", delivered.GetText("type"));
        var now = (Computed)await _gateway.AskAsync(new ComputeRequest(B, null));
        Assert.Equal(1, now.Slot);
        Assert.Equal("relayed", now.State.GetMessage("results")!.GetText("data"));
    }

    [Fact]
    public async Task A_pushed_message_is_signed_by_the_node_with_from_process_covered()
    {
        // Every authority check refuses a message carrying from-process; that holds only if the signature covers it.
        using var nodeWallet = Wallet.Create();
        var resolver = new Resolver(DeviceRegistry.Preloaded.With(
            new ProcessDevice(_gateway), new PushDevice(_gateway, m => HttpSigCommitments.Commit(m, nodeWallet)), new SchedulerDevice(_gateway)));
        var scheduled = (Scheduled)await _gateway.AskAsync(new Schedule(A, Message.Of(("label", "go"), ("forward-to", B))));

        var pushed = await resolver.ResolveAsync(_a, Message.Of(("path", "push"), ("slot", scheduled.Slot)));

        Assert.True(pushed.IsOk, pushed.ToString());
        var page = (SchedulePage)await _gateway.AskAsync(new GetSchedule(B, 1, 1));
        var delivered = page.Assignments.Single().GetMessage("body")!;
        Assert.Equal([nodeWallet.Address], HttpSigCommitments.Committers(delivered));
        Assert.True(HttpSigCommitments.Verify(delivered));
        Assert.Contains(PushedMessages.FromProcessKey, HttpSigCommitments.Committed(delivered));
        Assert.True(PushedMessages.IsPushed(delivered));
    }

    [Fact]
    public async Task Pushing_a_body_schedules_it_first()
    {
        var pushed = await _resolver.ResolveAsync(_a, Message.Of(
            ("path", "push"),
            ("body", Message.Of(("type", "Message"), ("label", "direct"), ("forward-to", B)))));

        Assert.True(pushed.IsOk, pushed.ToString());
        Assert.Equal(new AoInteger(1), pushed.Message!.Get("slot"));
        Assert.Equal(B, pushed.Message!.GetMessage("1")!.GetText("target"));
    }

    [Fact]
    public async Task Pushing_without_a_slot_or_a_body_schedules_the_request_itself_without_its_path_and_method()
    {
        // aoconnect's message(): POST /PID~process@1.0/push with the message as the request (HyperBEAM's dev_push).
        using var client = Wallet.Create();
        var message = HttpSigCommitments.Commit(Message.Of(("type", "Message"), ("target", A), ("label", "itself"), ("forward-to", B)), client);

        var pushed = await _resolver.ResolveAsync(_a, message.Set("path", "push").Set("method", "POST"));

        Assert.True(pushed.IsOk, pushed.ToString());
        Assert.Equal(new AoInteger(1), pushed.Message!.Get("slot"));
        Assert.Equal(A, pushed.Message!.GetText("process"));
        Assert.Equal(B, pushed.Message!.GetMessage("1")!.GetText("target"));
        var page = (SchedulePage)await _gateway.AskAsync(new GetSchedule(A, 1, 1));
        var scheduled = page.Assignments.Single().GetMessage("body")!;
        Assert.Equal("itself", scheduled.GetText("label"));
        Assert.False(scheduled.ContainsKey("path") || scheduled.ContainsKey("method"));
        Assert.True(HttpSigCommitments.Verify(scheduled));
    }

    [Fact]
    public async Task Pushing_a_request_whose_signature_does_not_verify_schedules_nothing()
    {
        using var client = Wallet.Create();
        var forged = HttpSigCommitments.Commit(Message.Of(("type", "Message"), ("target", A), ("label", "signed")), client).Set("label", "changed");

        var pushed = await _resolver.ResolveAsync(_a, forged.Set("path", "push").Set("method", "POST"));

        Assert.False(pushed.IsOk);
        Assert.Equal(0, ((CurrentSlot)await _gateway.AskAsync(new GetCurrentSlot(A))).Slot);
    }

    [Fact]
    public async Task An_async_push_answers_at_once_and_delivers_in_the_background()
    {
        var scheduled = (Scheduled)await _gateway.AskAsync(new Schedule(A, Message.Of(("label", "go"), ("forward-to", B))));

        var pushed = await _resolver.ResolveAsync(_a, Message.Of(("path", "push"), ("slot", scheduled.Slot), ("push-mode", "async")));

        Assert.Equal("async", pushed.Message!.GetText("push-mode"));
        await AwaitAssertAsync(async () =>
            Assert.Equal(1, ((CurrentSlot)await _gateway.AskAsync(new GetCurrentSlot(B))).Slot), Wait);
    }

    [Fact]
    public async Task Pushing_to_an_unknown_process_reports_the_error_per_message()
    {
        var unknown = TestProcesses.IdOf(TestProcesses.Process());
        var scheduled = (Scheduled)await _gateway.AskAsync(new Schedule(A, Message.Of(("label", "go"), ("forward-to", unknown))));

        var pushed = await _resolver.ResolveAsync(_a, Message.Of(("path", "push"), ("slot", scheduled.Slot)));

        var entry = pushed.Message!.GetMessage("1")!;
        Assert.Equal("error", entry.GetText("response"));
        Assert.Equal(new AoInteger(404), entry.Get("status"));
    }
}
