using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Core.Messages;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Tests.Compute.Support;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Processes.Tests.Compute;

/// <summary>
/// Issue 15: a process whose devices keep state outside the message (here a count, as a Lua VM keeps its globals)
/// gives the same results slot by slot whether or not its compute worker restarted in between — killed, or crashed
/// half-way through a slot — at slots picked by a seeded random generator.
/// </summary>
public sealed class WorkerRestartDeterminismTests() : TestKit(ComputeTestConfig.InMemory)
{
    private const int Slots = 30;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static ComputeFixture Fixture(Func<long, bool>? crashAfter = null)
    {
        var fixture = new ComputeFixture(slots: Slots, keepResults: true, snapshotInterval: 4,
            processKeys: Message.Of(("execution-device", OutsideCounterDevice.DeviceName)));
        fixture.Settings = fixture.Settings with
        {
            ExecutionDevices = [() => new OutsideCounterDevice(crashAfter)],
            SlotTimeout = TimeSpan.FromSeconds(20),
            RetryCount = 3,
        };
        return fixture;
    }

    /// <summary>About one slot in three to interrupt: a fixed seed, so every run picks the same ones.</summary>
    private static HashSet<long> Picked(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Slots - 1).Where(_ => random.Next(3) == 0).Select(slot => (long)slot)];
    }

    private async Task<List<string>> ResultsAsync(ComputeFixture fixture, IActorRef computer, Func<long, Task>? after = null)
    {
        var results = new List<string>();
        for (long slot = 0; slot < Slots; slot++)
        {
            computer.Tell(new ComputeRequest(fixture.ProcessId, slot));
            results.Add((await ExpectMsgAsync<Computed>(Wait)).State.GetMessage("results")!.GetText("data")!);
            if (after is not null) await after(slot);
        }
        return results;
    }

    private async Task<List<string>> UninterruptedAsync()
    {
        var fixture = Fixture();
        return await ResultsAsync(fixture, fixture.Start(Sys));
    }

    [Fact]
    public async Task Results_with_the_worker_killed_at_random_slots_equal_an_uninterrupted_run()
    {
        var expected = await UninterruptedAsync();
        var kills = Picked(15);
        var fixture = Fixture();
        var computer = fixture.Start(Sys, "killed-at-random");

        var results = await ResultsAsync(fixture, computer, async slot =>
        {
            if (!kills.Contains(slot)) return;
            var worker = await Sys.ActorSelection(computer.Path / "worker-supervisor" / "worker").ResolveOne(Wait);
            worker.Tell(Kill.Instance);
        });

        Assert.NotEmpty(kills);
        Assert.Equal(expected, results);
    }

    [Fact]
    public async Task Results_with_the_worker_crashing_half_way_through_random_slots_equal_an_uninterrupted_run()
    {
        var expected = await UninterruptedAsync();
        var crashes = Picked(42);
        var crashed = new HashSet<long>();
        // Each picked slot crashes its first attempt after changing the count; the retry must not count it twice.
        var fixture = Fixture(slot => { lock (crashed) return crashes.Contains(slot) && crashed.Add(slot); });

        var results = await ResultsAsync(fixture, fixture.Start(Sys, "crashing-at-random"));

        Assert.NotEmpty(crashes);
        Assert.Equal(crashes.Order(), crashed.Order());
        Assert.Equal(expected, results);
    }
}
