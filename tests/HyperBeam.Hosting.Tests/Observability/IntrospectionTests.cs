using System.Net.Http.Json;
using System.Text.Json;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Hosting.Testing;
using HyperBeam.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting.Tests.Observability;

public sealed class IntrospectionTests
{
    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        using var reply = await http.SendAsync(request);
        Assert.True(reply.IsSuccessStatusCode, $"{path}: {(int)reply.StatusCode} {await reply.Content.ReadAsStringAsync()}");
        return await reply.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Actors_shows_the_node_guardian_and_its_protocol_router_with_restart_counts()
    {
        await using var node = await HyperBeamTestNode.StartAsync();

        var actors = await GetJsonAsync(node.Http, "/~meta@1.0/actors");

        var user = actors.GetProperty("tree");
        Assert.Equal("/user", user.GetProperty("path").GetString());
        var guardian = Assert.Single(AoJson.Items(user.GetProperty("children")), c => c.GetProperty("name").GetString() == "hyperbeam");
        var protocol = Assert.Single(AoJson.Items(guardian.GetProperty("children")), c => c.GetProperty("name").GetString() == "protocol");
        Assert.Equal("/user/hyperbeam/protocol", protocol.GetProperty("path").GetString());
        Assert.Equal(0, AoJson.Long(protocol.GetProperty("restarts")));
    }

    [Fact]
    public async Task Processes_lists_what_the_process_directory_reports()
    {
        var directory = new FixedProcessDirectory([new ProcessSummary("proc-1", "node-a", 7, 1234)]);
        await using var node = await HyperBeamTestNode.StartAsync(o => o.AddModule(new ServicesModule(s => s.AddSingleton<IProcessDirectory>(directory))));

        var processes = await GetJsonAsync(node.Http, "/~meta@1.0/processes");

        Assert.Equal(1, AoJson.Long(processes.GetProperty("count")));
        var only = Assert.Single(AoJson.Items(processes.GetProperty("processes")));
        Assert.Equal("proc-1", only.GetProperty("id").GetString());
        Assert.Equal(7, AoJson.Long(only.GetProperty("slot")));
        Assert.Equal(1234, AoJson.Long(only.GetProperty("state-bytes")));
    }

    [Fact]
    public async Task A_node_outside_a_cluster_reports_itself_as_the_only_member()
    {
        await using var node = await HyperBeamTestNode.StartAsync();

        var cluster = await GetJsonAsync(node.Http, "/~meta@1.0/cluster");

        var member = Assert.Single(AoJson.Items(cluster.GetProperty("members")));
        Assert.Equal("up", member.GetProperty("status").GetString());
        // A node hosts its processes in a cluster of its own (remoting on a loopback port), so its address is akka.tcp.
        Assert.StartsWith("akka.tcp://hyperbeam@127.0.0.1:", member.GetProperty("address").GetString());
    }

    private sealed class FixedProcessDirectory(IReadOnlyList<ProcessSummary> processes) : IProcessDirectory
    {
        public Task<IReadOnlyList<ProcessSummary>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(processes);
    }
}
