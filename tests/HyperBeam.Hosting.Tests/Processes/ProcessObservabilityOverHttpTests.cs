using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Tests.Shared;
using static HyperBeam.Tests.Shared.ProcessHttp;

namespace HyperBeam.Hosting.Tests.Processes;

/// <summary>Issue 8 for processes on a real node: <c>/~meta@1.0/processes</c> and the process metrics at <c>/metrics</c>.</summary>
public class ProcessObservabilityOverHttpTests(StrangerWallet signer) : IClassFixture<StrangerWallet>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>dedup@1.0 computes without a VM: each slot records its message's ID in the state.</summary>
    private readonly ProcessHttp _http = new(signer.Wallet, "dedup@1.0");

    private static double MetricValue(string text, string name)
    {
        var match = Regex.Match(text, $"(?m)^{Regex.Escape(name)} (\\S+)$");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private async Task<string> CreateWithMessagesAsync(HttpClient client, int messages)
    {
        var process = _http.NewProcess();
        var pid = MessageIds.All(process);
        await PostOkAsync(client, "/~scheduler@1.0/schedule", Message.Of(("body", process)));
        for (var n = 1; n <= messages; n++) await PostOkAsync(client, "/~scheduler@1.0/schedule", _http.NewMessage(pid, n));
        return pid;
    }

    [Fact]
    public async Task Meta_processes_lists_each_live_process_with_its_node_slot_and_state_size()
    {
        await using var node = await TestNode.StartAsync();
        var first = await CreateWithMessagesAsync(node.Client, 2);
        var second = await CreateWithMessagesAsync(node.Client, 1);
        var computed = await GetOkAsync(node.Client, $"/{first}~process@1.0/compute&slot=2");
        Assert.Equal(2, Integer(computed, "at-slot"));

        var listing = await GetOkAsync(node.Client, "/~meta@1.0/processes");

        Assert.Equal(2, Integer(listing, "count"));
        var items = listing.Get("processes") switch
        {
            AoList list => list.Items.Cast<Message>(),
            Message keyed => keyed.Select(e => (Message)e.Value),
            var other => throw new InvalidOperationException($"processes is {other}"),
        };
        var processes = items.ToDictionary(p => p.GetText("id")!);
        Assert.Equal(2, Integer(processes[first], "slot"));
        Assert.Equal(1, Integer(processes[second], "slot"));
        Assert.True(Integer(processes[first], "state-bytes") > 0, "the computed process reports its state's size");
        Assert.Equal(0, Integer(processes[second], "state-bytes"));
        // The node is named as /~meta@1.0/cluster names members: by the actor system's address.
        var member = ((Akka.Actor.ExtendedActorSystem)node.Node.ActorSystem).Provider.DefaultAddress.ToString();
        Assert.All(processes.Values, p => Assert.Equal(member, p.GetText("node")));
    }

    [Fact]
    public async Task Scheduling_and_computing_a_process_shows_in_the_slot_metrics()
    {
        await using var node = await TestNode.StartAsync();
        var before = await node.Client.GetStringAsync("/metrics");

        var pid = await CreateWithMessagesAsync(node.Client, 2);
        Assert.Equal(2, Integer(await GetOkAsync(node.Client, $"/{pid}~process@1.0/compute&slot=2"), "at-slot"));

        var after = await node.Client.GetStringAsync("/metrics");
        Assert.True(MetricValue(after, "hyperbeam_slots_scheduled") - MetricValue(before, "hyperbeam_slots_scheduled") >= 3, after);
        Assert.True(MetricValue(after, "hyperbeam_slots_computed") - MetricValue(before, "hyperbeam_slots_computed") >= 3, after);
        Assert.True(MetricValue(after, "hyperbeam_compute_duration_count") - MetricValue(before, "hyperbeam_compute_duration_count") >= 3, after);
    }
}
