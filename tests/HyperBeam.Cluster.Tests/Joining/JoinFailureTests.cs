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

    private static async Task<int> StartAndAwaitExitAsync(HyperBeam.Cluster.Configuration.ClusterOptions options)
    {
        var exitCode = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = await TestClusterNode.StartAsync(options, exitCodeSink: code => exitCode.TrySetResult(code));
        await node.System.WhenTerminated.WaitAsync(Patience);
        return await exitCode.Task.WaitAsync(Patience);
    }
}
