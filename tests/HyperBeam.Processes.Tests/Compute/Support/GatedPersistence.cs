using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Persistence.Snapshot;
using HyperBeam.Processes.Compute;

namespace HyperBeam.Processes.Tests.Compute.Support;

/// <summary>
/// In-memory persistence whose journal writes and snapshot saves wait until <see cref="Open"/> is called, per actor
/// system (the plugins are made by Akka from configuration): what goes on while the store does not answer.
/// </summary>
internal sealed class PersistenceGate
{
    private static readonly ConcurrentDictionary<string, PersistenceGate> BySystem = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _journalWrites;
    private int _snapshotSaves;

    public static PersistenceGate For(ActorSystem system) => BySystem.GetOrAdd(system.Name, _ => new PersistenceGate());

    /// <summary>Journal writes asked for (waiting or done).</summary>
    public int JournalWrites => Volatile.Read(ref _journalWrites);

    /// <summary>Snapshot saves asked for (waiting or done).</summary>
    public int SnapshotSaves => Volatile.Read(ref _snapshotSaves);

    public void Open() => _open.TrySetResult();

    internal Task JournalWriteAsync()
    {
        Interlocked.Increment(ref _journalWrites);
        return _open.Task;
    }

    internal Task SnapshotSaveAsync()
    {
        Interlocked.Increment(ref _snapshotSaves);
        return _open.Task;
    }

    public static Config Config => ConfigurationFactory.ParseString($$"""
        akka.loglevel = INFO
        akka.actor.serialize-messages = off
        akka.persistence.journal.plugin = "akka.persistence.journal.gated"
        akka.persistence.journal.gated.class = "{{typeof(GatedJournal).AssemblyQualifiedName}}"
        akka.persistence.journal.gated.plugin-dispatcher = "akka.actor.default-dispatcher"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.gated"
        akka.persistence.snapshot-store.gated.class = "{{typeof(GatedSnapshotStore).AssemblyQualifiedName}}"
        akka.persistence.snapshot-store.gated.plugin-dispatcher = "akka.actor.default-dispatcher"
        """).WithFallback(ComputeSerialization.Config);
}

internal sealed class GatedJournal : MemoryJournal
{
    private readonly PersistenceGate _gate = PersistenceGate.For(Context.System);

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        await _gate.JournalWriteAsync().ConfigureAwait(false);
        return await base.WriteMessagesAsync(writes, cancellationToken).ConfigureAwait(false);
    }
}

internal sealed class GatedSnapshotStore : MemorySnapshotStore
{
    private readonly PersistenceGate _gate = PersistenceGate.For(Context.System);

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        await _gate.SnapshotSaveAsync().ConfigureAwait(false);
        await base.SaveAsync(metadata, snapshot, cancellationToken).ConfigureAwait(false);
    }
}
