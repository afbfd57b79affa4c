using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Actors.Tests;

public class NodeGuardianTests : TestKit
{
    [Fact]
    public async Task The_guardian_starts_its_protocol_router_under_its_own_path()
    {
        Sys.ActorOf(NodeGuardian.Props(new Resolver()), ActorNames.Guardian);
        // Nothing asks the guardian for its router: jobs go through the guardian, and the tree (/~meta@1.0/actors) shows it by path.
        // The guardian creates its children when it starts, which runs after ActorOf returns: look until it is there.
        IActorRef? router = null;
        await AwaitAssertAsync(async () =>
            router = await Sys.ActorSelection($"/user/{ActorNames.Guardian}/{ActorNames.Protocol}").ResolveOne(TimeSpan.FromSeconds(1)),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50));
        Assert.Equal($"/user/{ActorNames.Guardian}/{ActorNames.Protocol}", router!.Path.ToStringWithoutAddress());
        router.Tell(new ResolveJob([Message.Of(("a", "1")), "a"], "k"), TestActor);
        Assert.True(ExpectMsg<ResolveOutcome>().Result.IsOk);
    }

    [Fact]
    public void The_guardian_forwards_resolve_jobs_to_its_router_and_the_answer_comes_back_to_the_sender()
    {
        var guardian = Sys.ActorOf(NodeGuardian.Props(new Resolver()));
        guardian.Tell(new ResolveJob([Message.Of(("a", "1")), "a"], "k"), TestActor);
        Assert.Equal(AoBinary.FromString("1"), ExpectMsg<ResolveOutcome>().Result.Value);
    }
}
