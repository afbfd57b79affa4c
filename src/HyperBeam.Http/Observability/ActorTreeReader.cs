using Akka.Actor;
using HyperBeam.Actors.Supervision;
using HyperBeam.Core.Messages;

namespace HyperBeam.Http.Observability;

/// <summary>
/// The live actor tree under <c>/user</c>, each actor with its restart count and last restart cause
/// (<see cref="ActorRestartLedger"/>). Reads the children each actor ref already knows, so it sends no messages and
/// disturbs no actor; capped so a node with a million process entities still answers quickly.
/// </summary>
public static class ActorTreeReader
{
    public const int MaxActors = 2000;

    public static Message Read(ActorSystem system)
    {
        var ledger = ActorRestartLedger.For(system);
        var budget = MaxActors;
        var root = Describe(((ExtendedActorSystem)system).Guardian, ledger, ref budget);
        return Message.Of(("system", system.Name), ("tree", root), ("truncated", budget <= 0));
    }

    private static Message Describe(IActorRef actor, ActorRestartLedger ledger, ref int budget)
    {
        budget--;
        var path = actor.Path.ToStringWithoutAddress();
        var message = Message.Of(("name", actor.Path.Name), ("path", path));
        if (ledger.Of(path) is { } record)
            message = message.Set("restarts", record.Count).Set("last-restart-cause", record.LastCause);
        else
            message = message.Set("restarts", 0);
        var children = new List<AoValue>();
        if (actor is ActorRefWithCell withCell)
        {
            foreach (var child in withCell.Children.OrderBy(c => c.Path.Name, StringComparer.Ordinal))
            {
                if (budget <= 0) break;
                children.Add(Describe(child, ledger, ref budget));
            }
        }
        return message.Set("children", new AoList(children));
    }
}
