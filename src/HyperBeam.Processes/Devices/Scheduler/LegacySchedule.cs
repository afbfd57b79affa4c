using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Devices.Process;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Devices.Scheduler;

/// <summary>
/// A schedule read in the legacy scheduler-unit form (<see cref="Aos2Format"/>): slots <c>from</c>..<c>to</c>, and
/// within them only assignments after <c>from-timestamp</c> and up to <c>to-timestamp</c> (milliseconds; the legacy
/// API's <c>from</c>/<c>to</c>), at most <c>limit</c> (default and cap <see cref="MaxLimit"/>) edges. With
/// <c>message</c> = an ID, the one <c>{message, assignment}</c> of that message. Reads at most
/// <see cref="MaxPages"/> pages of the schedule per request.
/// </summary>
internal static class LegacySchedule
{
    public const int MaxLimit = 1000;
    public const int MaxPages = 100;

    public static async ValueTask<ResolveResult> ReadAsync(IProcessGateway gateway, string processId, Message request, long? from, long? to,
        string? schedulerAddress, CancellationToken cancellationToken)
    {
        if (!SchedulerReplies.TryInteger(request.Get("limit"), out var limit) || limit is <= 0
            || !SchedulerReplies.TryInteger(request.Get("from-timestamp"), out var after)
            || !SchedulerReplies.TryInteger(request.Get("to-timestamp"), out var until))
            return SchedulerReplies.Status(400, "limit must be a positive whole number; from-timestamp and to-timestamp whole numbers (milliseconds).");
        if (request.GetText("message") is { Length: > 0 } messageId)
            return await OneAsync(gateway, processId, messageId, schedulerAddress, cancellationToken).ConfigureAwait(false);

        var max = (int)Math.Min(limit ?? MaxLimit, MaxLimit);
        var edges = new List<Message>();
        var next = Math.Max(0, from ?? 0);
        var more = false;
        for (var page = 0; page < MaxPages && !more; page++)
        {
            var reply = await gateway.AskAsync(new GetSchedule(processId, next, to), cancellationToken).ConfigureAwait(false);
            if (reply is not SchedulePage schedule) return Failure(reply);
            foreach (var assignment in schedule.Assignments)
            {
                var at = (assignment.Get(AssignmentKeys.Timestamp) as AoInteger)?.Value ?? 0;
                if ((after is { } a && at <= a) || (until is { } u && at > u)) continue;
                if (edges.Count == max)
                {
                    more = true;
                    break;
                }
                edges.Add(assignment);
            }
            if (!schedule.Continues || schedule.Assignments.Count == 0) break;
            next = ((schedule.Assignments[^1].Get(AssignmentKeys.Slot) as AoInteger)?.Value ?? next) + 1;
        }
        return ResolveResult.Ok(Aos2Format.Page(processId, edges, more, schedulerAddress));
    }

    private static async ValueTask<ResolveResult> OneAsync(IProcessGateway gateway, string processId, string messageId, string? schedulerAddress,
        CancellationToken cancellationToken)
    {
        var (slot, error) = await ScheduleSearch.SlotOfAsync(gateway, processId, messageId, cancellationToken).ConfigureAwait(false);
        if (slot is not { } found) return error;
        var reply = await gateway.AskAsync(new GetSchedule(processId, found, found), cancellationToken).ConfigureAwait(false);
        return reply is SchedulePage { Assignments.Count: > 0 } page
            ? ResolveResult.Ok(Aos2Format.One(page.Assignments[0], schedulerAddress))
            : Failure(reply);
    }

    private static ResolveResult Failure(object reply) => reply is ProcessCommandFailed failed
        ? SchedulerReplies.Status(failed.Status, failed.Reason)
        : SchedulerReplies.Status(500, $"unexpected scheduler reply {reply.GetType().Name}");
}
