using System.Text.Json.Nodes;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Testing;
using HyperBeam.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting.Tests.Dashboard;

public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_person_opening_the_node_sees_its_info_members_processes_metrics_and_can_resolve_a_path()
    {
        var directory = new OneProcess();
        await using var node = await HyperBeamTestNode.StartAsync(o => o.AddModule(new ServicesModule(s => s.AddSingleton<IProcessDirectory>(directory))));

        var seen = await browser.RunAsync("dashboard.mjs", new JsonObject
        {
            ["url"] = node.Node.Url.ToString().TrimEnd('/'),
            ["resolvePath"] = "/~meta@1.0/build",
        });

        Assert.Equal("/~hyperbuddy@1.0/index", seen.GetProperty("location").GetString());
        Assert.Equal(node.Node.Address, seen.GetProperty("address").GetString());
        Assert.Equal(node.Node.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), seen.GetProperty("port").GetString());
        Assert.Contains("metrics", seen.GetProperty("features").GetString());
        Assert.Contains("akka.tcp://hyperbeam@127.0.0.1:", Assert.Single(seen.GetProperty("members").EnumerateArray()).GetString());
        var process = Assert.Single(seen.GetProperty("processes").EnumerateArray());
        Assert.Equal(["proc-dash", "node-a", "42", "2048"], process.EnumerateArray().Select(c => c.GetString()));
        Assert.True(seen.GetProperty("requestsTotal").GetDouble() > 0);
        Assert.Equal("200", seen.GetProperty("resolveStatus").GetString());
        Assert.Contains("HyperBeam.Actors", seen.GetProperty("resolveResult").GetString());
    }

    private sealed class OneProcess : IProcessDirectory
    {
        public Task<IReadOnlyList<ProcessSummary>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<ProcessSummary>>([new ProcessSummary("proc-dash", "node-a", 42, 2048)]);
    }
}
