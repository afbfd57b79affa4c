using System.Net;
using System.Net.Sockets;
using HyperBeam.Cluster.Hosting;
using HyperBeam.Cluster.Tests.Support;

namespace HyperBeam.Cluster.Tests.Joining;

public sealed class SeedDiagnosisTests
{
    private static readonly TimeSpan Probe = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_seed_of_another_actor_system_is_named_as_such()
    {
        var why = await SeedDiagnosis.ExplainAsync("akka.tcp://other@127.0.0.1:4053", "hyperbeam", Probe);
        Assert.Contains("names actor system 'other'", why);
    }

    [Fact]
    public async Task A_seed_where_nothing_listens_is_named_as_such()
    {
        var why = await SeedDiagnosis.ExplainAsync($"akka.tcp://hyperbeam@127.0.0.1:{FreePorts.Next()}", "hyperbeam", Probe);
        Assert.Contains("nothing listens", why);
    }

    [Fact]
    public async Task A_seed_that_listens_but_ignores_the_join_points_at_an_address_mismatch()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var why = await SeedDiagnosis.ExplainAsync($"akka.tcp://hyperbeam@127.0.0.1:{port}", "hyperbeam", Probe);
        Assert.Contains("did not accept the join", why);
    }
}
