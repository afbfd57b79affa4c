using Akka.Actor;
using HyperBeam.Actors.Supervision;
using HyperBeam.Core.Messages;

namespace HyperBeam.Hosting.Modules.Observability;

/// <summary>
/// The live actor tree under <c>/user</c>, each actor with its restart count and last restart cause
/// (<see cref="ActorRestartLedger"/>), and beside it every restart in the system (<c>restarts</c>). Reads the children each actor ref already knows, so it sends no messages and
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
        return Message.Of(("system", system.Name), ("tree", root), ("truncated", budget <= 0), ("restarts", Restarts(ledger)));
    }

    /// <summary>
    /// Every restart the ledger holds, wherever the actor lives: process entities and their compute workers live
    /// under <c>/system/sharding</c>, outside the tree shown.
    /// </summary>
    private static AoList Restarts(ActorRestartLedger ledger) =>
        new(ledger.All.OrderBy(r => r.Key, StringComparer.Ordinal).Take(MaxActors).Select(r => (AoValue)Message.Of(
            ("path", r.Key), ("restarts", r.Value.Count), ("last-restart-cause", r.Value.LastCause),
            ("last-restart-at", r.Value.LastAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))));

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
