using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Processes.Tests.Scheduling;

/// <summary>A real actor system persisting to a real SQLite file (WAL) in a fresh temporary folder.</summary>
public abstract class SchedulingTestKit(string databasePath, Xunit.Abstractions.ITestOutputHelper? output = null, Config? config = null)
    : TestKit(Configure(databasePath, config), output: output)
{
    private static readonly Lazy<Wallet> SharedWallet = new(Wallet.Create);
    private static readonly Lazy<AssignmentSigner> SharedSigner = new(() => new AssignmentSigner(SharedWallet.Value));

    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(30);

    protected static Wallet NodeWallet => SharedWallet.Value;

    protected static AssignmentSigner Signer => SharedSigner.Value;

    protected string DatabasePath { get; } = databasePath;

    protected static string NewDatabase() => Path.Combine(Path.GetTempPath(), "hb-sched-" + Guid.NewGuid().ToString("N"), "processes.db");

    private static Config Configure(string databasePath, Config? config)
    {
        SqliteJournalFile.EnableWriteAheadLog(databasePath);
        return (config ?? Config.Empty).WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING"))
            .WithFallback(ProcessesHocon.Sqlite(databasePath));
    }

    protected static ProcessEntitySettings Settings(AssignmentSigning signing = AssignmentSigning.Each) => new(Signer) { Signing = signing };

    /// <summary>A signed process message (the body of slot 0); its ID is the process ID.</summary>
    protected static Message NewProcess() => HttpSigCommitments.Commit(Message.Of(
        ("type", "Process"), ("device", "process@1.0"), ("scheduler-device", "scheduler@1.0"),
        ("execution-device", "test-device@1.0"), ("nonce", Guid.NewGuid().ToString("N"))), NodeWallet);

    protected static string IdOf(Message message) => MessageIds.All(message);

    protected static Message Note(int n) => Message.Of(("type", "Message"), ("n", n), ("nonce", Guid.NewGuid().ToString("N")));

    private int _incarnation;

    /// <summary>Starts the entity of <paramref name="process"/> (watched, so a test can wait for it to die).</summary>
    protected IActorRef StartEntity(string processId, ProcessEntitySettings settings)
    {
        var entity = Sys.ActorOf(ProcessEntity.Props(processId, settings), $"process-{processId}-{_incarnation++}");
        Watch(entity);
        return entity;
    }

    protected IActorRef CreateProcess(Message process, ProcessEntitySettings settings)
    {
        var entity = StartEntity(IdOf(process), settings);
        entity.Tell(new Schedule(IdOf(process), process), TestActor);
        var scheduled = ExpectMsg<Scheduled>(Patience);
        Assert.Equal(0, scheduled.Slot);
        return entity;
    }

    /// <summary>Kills the entity the hard way and waits until it is gone.</summary>
    protected void Kill(IActorRef entity)
    {
        entity.Tell(Akka.Actor.Kill.Instance);
        ExpectTerminated(entity, Patience);
    }

    protected List<Message> ReadAll(IActorRef entity, string processId, long from = 0, long? to = null)
    {
        var result = new List<Message>();
        var next = from;
        while (true)
        {
            entity.Tell(new GetSchedule(processId, next, to), TestActor);
            var page = ExpectMsg<SchedulePage>(Patience);
            result.AddRange(page.Assignments);
            if (!page.Continues || page.Assignments.Count == 0) return result;
            next = Slot(page.Assignments[^1]) + 1;
        }
    }

    protected long CurrentSlot(IActorRef entity, string processId, TestProbe? probe = null)
    {
        var asker = probe ?? CreateTestProbe();
        entity.Tell(new GetCurrentSlot(processId), asker);
        return asker.ExpectMsg<CurrentSlot>(Patience).Slot;
    }

    protected static long Slot(Message assignment) => ((AoInteger)assignment.Get("slot")!).Value;

    /// <summary>Has the journal move its tail into the journal table (<see cref="FlushJournalTail"/>) and waits until it did.</summary>
    protected void FlushJournalTail()
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);
        var asker = CreateTestProbe();
        journal.Tell(Processes.Persistence.Journal.FlushJournalTail.Instance, asker);
        asker.ExpectMsg<Processes.Persistence.Journal.JournalTailFlushed>(Patience);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
