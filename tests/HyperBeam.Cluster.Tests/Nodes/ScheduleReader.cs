using HyperBeam.Core.Messages;
using HyperBeam.Processes.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>A process's whole schedule read through a node's gateway, page after page, waiting while the process moves.</summary>
internal static class ScheduleReader
{
    public static async Task<IReadOnlyList<Message>> ReadAllAsync(ClusterHttpNode node, string processId, TimeSpan patience)
    {
        var gateway = node.Node.Services.GetRequiredService<IProcessGateway>();
        var assignments = new List<Message>();
        while (true)
        {
            SchedulePage? page = null;
            await Eventually.AssertAsync(async () =>
            {
                var reply = await gateway.AskAsync(new GetSchedule(processId, assignments.Count, null));
                page = reply as SchedulePage;
                Assert.True(page is not null, $"the schedule is not readable yet: {reply}");
            }, patience);
            assignments.AddRange(page!.Assignments);
            if (!page.Continues) return assignments;
        }
    }
}
