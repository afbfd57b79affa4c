using Akka.Actor;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>Plays a process entity's scheduler side: serves a fixed list of assignments in pages of two.</summary>
internal sealed class FixedScheduler : ReceiveActor
{
    public const int PageSize = 2;

    public FixedScheduler(string processId, IReadOnlyList<Message> assignments)
    {
        var current = assignments.Count - 1L;
        Receive<GetSchedule>(request =>
        {
            var to = Math.Min(request.To ?? current, current);
            var page = assignments
                .Where(a => ProcessStateKeys.ReadInteger(a, "slot") is { } s && s >= request.From && s <= to)
                .Take(PageSize)
                .ToList();
            var last = page.Count == 0 ? request.From - 1 : ProcessStateKeys.ReadInteger(page[^1], "slot")!.Value;
            Sender.Tell(new SchedulePage(processId, page, last < to, current));
        });
    }

    public static Props Props(string processId, IReadOnlyList<Message> assignments) =>
        Akka.Actor.Props.Create(() => new FixedScheduler(processId, assignments));
}
