using Akka.Actor;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>
/// A stand-in for the process shard region in device tests: one small entity per registered process that assigns
/// slots in memory (slot 0 = the process itself) and runs a real <see cref="ProcessComputer"/> as its compute child.
/// </summary>
internal sealed class TestProcessRegion : ReceiveActor
{
    public TestProcessRegion(IReadOnlyList<Message> processes, ComputeSettings settings)
    {
        var known = processes.ToDictionary(TestProcesses.IdOf);
        Receive<IProcessCommand>(command =>
        {
            if (!known.TryGetValue(command.ProcessId, out var process))
            {
                Sender.Tell(new ProcessCommandFailed(command.ProcessId, 404, "unknown process"));
                return;
            }
            var name = "p-" + command.ProcessId;
            var entity = Context.Child(name);
            if (entity.IsNobody()) entity = Context.ActorOf(Akka.Actor.Props.Create(() => new Entity(process, settings)), name);
            entity.Forward(command);
        });
    }

    public static Props Props(IReadOnlyList<Message> processes, ComputeSettings settings) =>
        Akka.Actor.Props.Create(() => new TestProcessRegion(processes, settings));

    private sealed class Entity : ReceiveActor
    {
        private readonly List<Message> _assignments = [];

        public Entity(Message process, ComputeSettings settings)
        {
            var id = TestProcesses.IdOf(process);
            _assignments.Add(TestProcesses.Assignment(id, 0, process));
            var compute = Context.ActorOf(ProcessComputer.Props(new ComputeChildContext(id, process, Self), settings), "compute");
            Receive<Schedule>(schedule =>
            {
                var assignment = TestProcesses.Assignment(id, _assignments.Count, schedule.Message);
                _assignments.Add(assignment);
                Sender.Tell(new Scheduled(id, _assignments.Count - 1, assignment));
            });
            Receive<GetSchedule>(request =>
            {
                var to = Math.Min(request.To ?? _assignments.Count - 1, _assignments.Count - 1);
                var page = _assignments.Skip((int)Math.Max(0, request.From)).Take((int)Math.Max(0, to - request.From + 1)).ToList();
                Sender.Tell(new SchedulePage(id, page, false, _assignments.Count - 1));
            });
            Receive<GetCurrentSlot>(_ => Sender.Tell(new CurrentSlot(id, _assignments.Count - 1, $"chain-{_assignments.Count - 1}")));
            Receive<Protocol.Compute>(c => compute.Forward(c));
            Receive<DryRun>(d => compute.Forward(d));
        }
    }
}
