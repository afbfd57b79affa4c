using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Devices.Process;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage;

namespace HyperBeam.Processes.Tests.Devices;

public sealed class ProcessDeviceTests : TestKit
{
    private readonly ExecutionProbe _probe = new();
    private readonly Message _process = TestProcesses.Process();
    private readonly ActorGateway _gateway;
    private readonly Resolver _resolver;

    public ProcessDeviceTests() : base(ComputeTestConfig.InMemory)
    {
        var settings = new ComputeSettings { ExecutionDevices = [_probe.Create], Results = new MessageCache(new MemoryStore()) };
        var region = Sys.ActorOf(TestProcessRegion.Props([_process], settings));
        _gateway = new ActorGateway(region, TimeSpan.FromSeconds(20));
        _resolver = new Resolver(DeviceRegistry.Preloaded.With(new ProcessDevice(_gateway), FakeScheduler()));
    }

    private string ProcessId => TestProcesses.IdOf(_process);

    [Fact]
    public async Task Compute_with_a_slot_returns_the_state_and_paths_read_into_it()
    {
        await _gateway.AskAsync(new Schedule(ProcessId, TestProcesses.Labelled("hello")));

        var data = await _resolver.ResolveAsync(_process, Message.Of(("path", "compute/results/data"), ("slot", "1")));
        var atSlot = await _resolver.ResolveAsync(_process, Message.Of(("path", "compute/at-slot"), ("slot", 1)));

        Assert.True(data.IsOk, data.ToString());
        Assert.Equal("slot 1: hello", ((AoBinary)data.Value).Text);
        Assert.Equal(new AoInteger(1), atSlot.Value);
        Assert.Equal(2, _probe.Computes);
    }

    [Fact]
    public async Task Results_with_a_slot_answers_that_slots_results_after_later_slots_too()
    {
        await _gateway.AskAsync(new Schedule(ProcessId, TestProcesses.Labelled("a")));
        await _gateway.AskAsync(new Schedule(ProcessId, TestProcesses.Labelled("b")));

        // aoconnect's /PID~process@1.0/compute/results=1: `results` is a key of the request's last step.
        var first = await _resolver.ResolveAsync(_process, Message.Of(("path", "compute/results/data"), ("results", "1")));
        var latest = await _resolver.ResolveAsync(_process, "compute/results/data");

        Assert.True(first.Value is AoBinary, first.ToString());
        Assert.Equal("slot 1: a", ((AoBinary)first.Value).Text);
        Assert.Equal("slot 2: b", ((AoBinary)latest.Value).Text);
    }

    [Fact]
    public async Task Results_with_a_message_id_answers_the_results_of_the_slot_it_was_assigned()
    {
        var message = TestProcesses.Labelled("by-id");
        await _gateway.AskAsync(new Schedule(ProcessId, message));
        await _gateway.AskAsync(new Schedule(ProcessId, TestProcesses.Labelled("later")));

        var result = await _resolver.ResolveAsync(_process, Message.Of(("path", "compute/results/data"), ("results", TestProcesses.IdOf(message))));
        var unknown = await _resolver.ResolveAsync(_process, Message.Of(("path", "compute/results"), ("results", TestProcesses.IdOf(TestProcesses.Labelled("never")))));

        Assert.Equal("slot 1: by-id", ((AoBinary)result.Value).Text);
        Assert.Equal(ResolveStatus.NotFound, unknown.Status);
    }

    [Fact]
    public async Task As_execution_answers_later_keys_on_the_current_state_and_schedules_nothing()
    {
        await _gateway.AskAsync(new Schedule(ProcessId, TestProcesses.Labelled("a")));

        var atSlot = await _resolver.ResolveAsync(_process, Message.Of(("path", "as/at-slot"), ("as", "execution")));

        Assert.True(atSlot.IsOk, atSlot.ToString());
        Assert.Equal(new AoInteger(1), atSlot.Value);
        Assert.Equal(1, ((CurrentSlot)await _gateway.AskAsync(new GetCurrentSlot(ProcessId))).Slot);
    }

    [Fact]
    public async Task As_execution_compute_runs_on_the_compute_worker_and_leaves_the_state_as_it_was()
    {
        await _gateway.AskAsync(new Schedule(ProcessId, TestProcesses.Labelled("a")));
        var before = await _resolver.ResolveAsync(_process, "now/count");

        var dry = await _resolver.ResolveAsync(_process, Message.Of(("path", "as/compute/count"), ("as", "execution"), ("slot", 2), ("body", TestProcesses.Labelled("dry"))));
        var after = await _resolver.ResolveAsync(_process, "now/count");

        Assert.Equal(new AoInteger(2), before.Value);
        Assert.True(dry.IsOk, dry.ToString());
        Assert.Equal(new AoInteger(3), dry.Value);
        Assert.Equal(new AoInteger(2), after.Value);
        Assert.Equal(1, ((CurrentSlot)await _gateway.AskAsync(new GetCurrentSlot(ProcessId))).Slot);
    }

    [Fact]
    public async Task Now_computes_to_the_current_slot()
    {
        await _gateway.AskAsync(new Schedule(ProcessId, TestProcesses.Labelled("a")));
        await _gateway.AskAsync(new Schedule(ProcessId, TestProcesses.Labelled("b")));

        var now = await _resolver.ResolveAsync(_process, "now/results/data");
        var compute = await _resolver.ResolveAsync(_process, "compute/at-slot");

        Assert.Equal("slot 2: b", ((AoBinary)now.Value).Text);
        Assert.Equal(new AoInteger(2), compute.Value);
    }

    [Fact]
    public async Task Slot_is_answered_by_the_scheduler_device_on_the_same_process()
    {
        var current = await _resolver.ResolveAsync(_process, "slot/current");
        var process = await _resolver.ResolveAsync(_process, "slot/process");

        Assert.Equal(new AoInteger(7), current.Value);
        Assert.Equal(ProcessId, ((AoBinary)process.Value).Text);
    }

    [Fact]
    public async Task Bad_slots_and_unknown_processes_are_errors_with_a_status()
    {
        var bad = await _resolver.ResolveAsync(_process, Message.Of(("path", "compute"), ("slot", "soon")));
        var unassigned = await _resolver.ResolveAsync(_process, Message.Of(("path", "compute"), ("slot", 40)));
        var unknown = await _resolver.ResolveAsync(TestProcesses.Process(), Message.Of(("path", "compute"), ("slot", 1)));

        Assert.Equal(ResolveStatus.Error, bad.Status);
        Assert.Equal(new AoInteger(400), bad.Message!.Get("status"));
        Assert.Equal(ResolveStatus.NotFound, unassigned.Status);
        Assert.Equal(new AoInteger(404), unassigned.Message!.Get("status"));
        Assert.Equal(new AoInteger(404), unknown.Message!.Get("status"));
    }

    /// <summary>A stand-in scheduler@1.0 whose <c>slot</c> names the process it was asked about.</summary>
    private static Device FakeScheduler() => Device.Create("scheduler@1.0",
        ("slot", (state, _, _) => ValueTask.FromResult(ResolveResult.Ok(Message.Of(
            ("current", 7),
            ("process", ProcessIds.Of(state)))))));
}
