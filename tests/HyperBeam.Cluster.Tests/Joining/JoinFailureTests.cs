using HyperBeam.Cluster.Tests.Support;

namespace HyperBeam.Cluster.Tests.Joining;

public sealed class JoinFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_node_whose_seed_runs_another_actor_system_gives_up_and_exits_non_zero()
    {
        var otherPort = FreePorts.Next();
        var other = TestClusterNode.OptionsFor(otherPort) with { SystemName = "other-cluster" };
        await using var foreign = await TestClusterNode.StartAsync(other.WithSeeds([$"127.0.0.1:{otherPort}"]));

        var options = TestClusterNode.OptionsFor(FreePorts.Next()) with { JoinTimeout = TimeSpan.FromSeconds(2) };
        var exitCode = await StartAndAwaitExitAsync(options.WithSeeds([$"akka.tcp://other-cluster@127.0.0.1:{otherPort}"]));

        Assert.Equal(options.JoinFailureExitCode, exitCode);
        Assert.NotEqual(0, exitCode);
    }

    [Fact]
    public async Task A_node_whose_seeds_are_all_down_gives_up_and_exits_non_zero()
    {
        var options = TestClusterNode.OptionsFor(FreePorts.Next(), FreePorts.Next()) with
        {
            JoinTimeout = TimeSpan.FromSeconds(2),
            JoinFailureExitCode = 7,
        };

        Assert.Equal(7, await StartAndAwaitExitAsync(options));
    }

    [Fact]
    public async Task A_node_whose_actor_system_is_not_named_after_the_cluster_stops_at_once_without_waiting_to_join()
    {
        var port = FreePorts.Next();
        // Ten minutes to join: only the start-up check can stop this node within the test's patience.
        var options = TestClusterNode.OptionsFor(port, port) with { SystemName = "hb-net", JoinTimeout = TimeSpan.FromMinutes(10), JoinFailureExitCode = 9 };

        Assert.Equal(9, await StartAndAwaitExitAsync(options, actorSystemName: "the-apps-own-system"));
    }

    private static async Task<int> StartAndAwaitExitAsync(HyperBeam.Cluster.Configuration.HyperBeamClusterOptions options, string? actorSystemName = null)
    {
        var exitCode = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = await TestClusterNode.StartAsync(options, exitCodeSink: code => exitCode.TrySetResult(code), actorSystemName: actorSystemName);
        await node.System.WhenTerminated.WaitAsync(Patience);
        return await exitCode.Task.WaitAsync(Patience);
    }
}
