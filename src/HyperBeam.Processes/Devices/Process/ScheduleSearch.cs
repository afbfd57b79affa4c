using HyperBeam.Core.Commitments;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;
using HyperBeam.Processes.Protocol;

namespace HyperBeam.Processes.Devices.Process;

/// <summary>
/// The slot a message was assigned, found by reading the schedule page by page: the process entity keeps no index by
/// message ID. Bounded: at most <see cref="MaxPages"/> pages are read.
/// </summary>
internal static class ScheduleSearch
{
    public const int MaxPages = 100;

    public static async Task<(long? Slot, ResolveResult Error)> SlotOfAsync(IProcessGateway gateway, string processId, string messageId, CancellationToken cancellationToken)
    {
        long from = 0;
        for (var page = 0; page < MaxPages; page++)
        {
            var reply = await gateway.AskAsync(new GetSchedule(processId, from, null), cancellationToken).ConfigureAwait(false);
            if (reply is not SchedulePage schedule)
                return (null, reply is ProcessCommandFailed failed ? GatewayReplies.Failed(failed) : GatewayReplies.Unexpected(reply));
            foreach (var assignment in schedule.Assignments)
            {
                if (assignment.Get("body") is Message body && Names(body, messageId) && assignment.Get("slot") is AoInteger slot)
                    return (slot.Value, default);
            }
            if (!schedule.Continues || schedule.Assignments.Count == 0) break;
            from = (schedule.Assignments[^1].Get("slot") as AoInteger)?.Value + 1 ?? from + schedule.Assignments.Count;
        }
        return (null, GatewayReplies.Status(404, $"message {messageId} is not in the schedule of {processId}"));
    }

    /// <summary>A message is named by its ID with all commitments or by the ID of any one of them (an ANS-104 item's ID).</summary>
    private static bool Names(Message body, string id) =>
        (body.Get(CommittedKeys.CommitmentsKey) is Message commitments && commitments.ContainsKey(id)) || MessageIds.All(body) == id;
}
