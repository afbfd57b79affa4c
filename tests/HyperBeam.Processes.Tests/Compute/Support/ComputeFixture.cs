using Akka.Actor;
using HyperBeam.Core.Devices;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>A process, its fixed schedule, a counting execution device and the settings to compute it with.</summary>
internal sealed class ComputeFixture
{
    public ComputeFixture(
        int slots = 6, bool keepResults = true, int snapshotInterval = 100,
        string[]? stack = null, Device[]? extraDevices = null, IReadOnlyList<Message>? bodies = null, Message? processKeys = null)
    {
        Process = TestProcesses.Process(stack ?? []);
        foreach (var (key, value) in (processKeys ?? Message.Empty).Entries) Process = Process.Set(key, value);
        ProcessId = TestProcesses.IdOf(Process);
        Assignments = bodies is null
            ? TestProcesses.Schedule(Process, slots)
            : [TestProcesses.Assignment(ProcessId, 0, Process), .. bodies.Select((b, i) => TestProcesses.Assignment(ProcessId, i + 1, b))];
        Results = keepResults ? new MessageCache(new MemoryStore()) : null;
        Settings = new ComputeSettings
        {
            ExecutionDevices = [Probe.Create],
            Devices = DeviceRegistry.Preloaded.With(extraDevices ?? []),
            Results = Results,
            SnapshotInterval = snapshotInterval,
            SlotTimeout = TimeSpan.FromMilliseconds(700),
            RetryCount = 1,
            MinRestartBackoff = TimeSpan.FromMilliseconds(10),
            MaxRestartBackoff = TimeSpan.FromMilliseconds(50),
        };
    }

    public Message Process { get; }

    public string ProcessId { get; }

    public IReadOnlyList<Message> Assignments { get; }

    public ExecutionProbe Probe { get; } = new();

    public MessageCache? Results { get; }

    public ComputeSettings Settings { get; set; }

    /// <summary>Starts a compute child for the process, with a fixed scheduler standing in for the entity.</summary>
    public IActorRef Start(ActorSystem system, string? name = null)
    {
        var scheduler = system.ActorOf(FixedScheduler.Props(ProcessId, Assignments));
        return system.ActorOf(ProcessComputer.Props(new ComputeChildContext(ProcessId, Process, scheduler), Settings), name);
    }
}
