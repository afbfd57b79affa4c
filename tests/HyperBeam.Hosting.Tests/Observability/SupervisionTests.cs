using Akka.Actor;
using Akka.TestKit.Xunit2;
using HyperBeam.Actors.Supervision;
using HyperBeam.Core.Messages;
using HyperBeam.Hosting.Modules.Observability;

namespace HyperBeam.Hosting.Tests.Observability;

public sealed class SupervisionTests() : TestKit("akka.loglevel = ERROR")
{
    [Fact]
    public void Every_restart_is_logged_with_its_cause_and_counted_in_the_actor_tree()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent()), "parent");
        parent.Tell("create", TestActor);
        var child = ExpectMsg<IActorRef>();

        EventFilter.Exception<InvalidOperationException>(contains: "boom").ExpectOne(() => child.Tell("fail"));

        AwaitAssert(() =>
        {
            var record = ActorRestartLedger.For(Sys).Of("/user/parent/child");
            Assert.NotNull(record);
            Assert.Equal(1, record.Count);
            Assert.Equal("InvalidOperationException: boom", record.LastCause);
        }, TimeSpan.FromSeconds(10));
        var tree = ActorTreeReader.Read(Sys).GetMessage("tree")!;
        var node = Children(tree).Single(m => m.GetText("name") == "parent");
        var restarted = Assert.Single(Children(node));
        Assert.Equal("child", restarted.GetText("name"));
        Assert.Equal(new AoInteger(1), restarted.Get("restarts"));
        Assert.Equal("InvalidOperationException: boom", restarted.GetText("last-restart-cause"));
    }

    private static IEnumerable<Message> Children(Message node) => ((AoList)node.Get("children")!).Items.OfType<Message>();

    private sealed class Parent : ReceiveActor
    {
        public Parent() => Receive<string>(_ => Sender.Tell(Context.ActorOf(Props.Create(() => new Child()), "child")));

        protected override SupervisorStrategy SupervisorStrategy() =>
            new ObservedOneForOneStrategy(maxNrOfRetries: 5, withinTimeRange: TimeSpan.FromMinutes(1), decider: _ => Directive.Restart);
    }

    private sealed class Child : ReceiveActor
    {
        public Child() => Receive<string>(_ => throw new InvalidOperationException("boom"));
    }
}
