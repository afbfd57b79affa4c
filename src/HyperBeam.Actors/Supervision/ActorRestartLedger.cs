using System.Collections.Concurrent;
using Akka.Actor;

namespace HyperBeam.Actors.Supervision;

/// <summary>
/// Every supervision restart in one actor system, by the restarted actor's path: how many and the last cause. An
/// Akka extension (one per system, so two nodes in one process keep separate books); <c>/~meta@1.0/actors</c>
/// shows it beside the actor tree.
/// </summary>
public sealed class ActorRestartLedger : IExtension
{
    private readonly ConcurrentDictionary<string, ActorRestartRecord> _records = new(StringComparer.Ordinal);

    public static ActorRestartLedger For(ActorSystem system) => system.WithExtension<ActorRestartLedger, ActorRestartLedgerProvider>();

    public void Record(ActorPath path, Exception cause)
    {
        var now = DateTimeOffset.UtcNow;
        var reason = $"{cause.GetType().Name}: {cause.Message}";
        _records.AddOrUpdate(path.ToStringWithoutAddress(), _ => new ActorRestartRecord(1, reason, now), (_, old) => new ActorRestartRecord(old.Count + 1, reason, now));
    }

    /// <summary>The record of the actor at <paramref name="path"/> (without address), or null when it never restarted.</summary>
    public ActorRestartRecord? Of(string path) => _records.TryGetValue(path, out var record) ? record : null;

    public IReadOnlyDictionary<string, ActorRestartRecord> All => _records;
}

/// <summary>How often an actor was restarted, and why the last time.</summary>
public sealed record ActorRestartRecord(int Count, string LastCause, DateTimeOffset LastAt);

/// <summary>Creates the <see cref="ActorRestartLedger"/> of a system.</summary>
public sealed class ActorRestartLedgerProvider : ExtensionIdProvider<ActorRestartLedger>
{
    public override ActorRestartLedger CreateExtension(ExtendedActorSystem system) => new();
}
