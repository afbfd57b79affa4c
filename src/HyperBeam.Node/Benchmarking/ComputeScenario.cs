using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using HyperBeam.Lua;
using HyperBeam.Processes.Compute;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using HyperBeam.Node.Terminal;
using ComputeRequest = HyperBeam.Processes.Protocol.Compute;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// A Lua counter process on the real compute path — a <see cref="ProcessEntity"/> on a SQLite journal, its
/// <see cref="ProcessComputer"/> child and <c>ComputeWorker</c> with a lua@5.3a device — in two lives: the first
/// schedules N messages through the entity (checkpoint signing, so RSA does not dominate) and computes them all;
/// the second is a new actor system on the same file, where the scheduler recovers and the last slot is computed again.
/// The entity is created directly, without the shard region, as <c>hb bench schedule</c> does: routing is not what
/// is measured. No result cache is kept, so after a restart only the snapshots spare the re-run.
/// </summary>
public static class ComputeScenario
{
    /// <summary>Long enough for 100k slots on a slow machine; a hang still ends, with a clear error.</summary>
    private static readonly TimeSpan LongWait = TimeSpan.FromHours(1);

    public static async Task<ComputeScenarioResult> RunAsync(string folder, AssignmentSigner signer, bool snapshots, ComputeBenchOptions options,
        TerminalProgress progress, CancellationToken cancellationToken)
    {
        var label = snapshots ? "with snapshots" : "without snapshots";
        var database = Path.Combine(folder, $"{(snapshots ? "with" : "without")}-snapshots-{Guid.NewGuid():N}.db");
        SqliteJournalFile.EnableWriteAheadLog(database);
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING")
            .WithFallback(ComputeSerialization.Config)
            .WithFallback(ProcessesHocon.Sqlite(database));
        var compute = new ComputeSettings
        {
            ExecutionDevices = [LuaDevice.CreateFactory(ComputeCounterProcess.LuaOptions)],
            // Never a multiple of a slot but 0: "without snapshots" keeps only the one of slot 0 and re-runs the rest.
            SnapshotInterval = snapshots ? options.ComputeSnapshotEvery : int.MaxValue,
            Results = null,
        };
        var settings = new ProcessEntitySettings(signer)
        {
            Signing = AssignmentSigning.Checkpoint,
            SnapshotEvery = snapshots ? options.SchedulerSnapshotEvery : int.MaxValue,
            ComputeChild = ProcessComputer.Factory(compute),
        };
        var process = ComputeCounterProcess.Create();
        var id = ComputeCounterProcess.IdOf(process);
        long last = options.Slots;

        ComputeBenchResult scheduled, computed;
        long resumedFrom;
        using (var system = ActorSystem.Create("bench-compute", config))
        {
            if (options.Warmup > TimeSpan.Zero)
            {
                var warmup = await progress.TrackAsync($"hb bench compute ({label}): warming up until the JIT is quiet (at most {options.Warmup.TotalSeconds:0} s)…",
                    options.Warmup, () => WarmUpAsync(system, settings, snapshots, options, cancellationToken));
                progress.Note($"hb bench compute ({label}): {warmup}");
            }
            var entity = system.ActorOf(ProcessEntity.Props(id, settings), "process");
            var jitBefore = JitActivity.Now();
            scheduled = await progress.TrackAsync($"hb bench compute ({label}): scheduling {options.Slots} messages…",
                TimeSpan.FromMilliseconds(options.Slots / 5.0), () => ScheduleAsync(entity, id, process, options, snapshots, cancellationToken));
            var jit = JitActivity.Now() - jitBefore;
            progress.Note($"hb bench compute: {scheduled.Name}: {jit.Methods} methods JIT-compiled meanwhile, {jit.Time.TotalMilliseconds:0} ms");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var gcBefore = GcActivity.Now();
            using var snapshotOutcomes = new SnapshotOutcomes();
            jitBefore = JitActivity.Now();
            computed = await progress.TrackAsync($"hb bench compute ({label}): computing slots 0..{last}…",
                TimeSpan.FromMilliseconds(options.Slots / 2.0), () => ComputeAsync(entity, id, last,
                    snapshots ? ComputeBenchRows.ComputeWithSnapshots : ComputeBenchRows.ComputeWithoutSnapshots, last + 1, cancellationToken));
            var expectedSnapshot = snapshots ? last - last % options.ComputeSnapshotEvery : 0;
            resumedFrom = await WaitForSnapshotAsync(system, id, expectedSnapshot, cancellationToken);
            // The steadier figure on a shared machine: every thread's work, background snapshot writes included.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var gc = GcActivity.Now() - gcBefore;
            jit = JitActivity.Now() - jitBefore;
            progress.Note($"hb bench compute: {computed.Name}: {cpu.TotalMicroseconds / computed.Operations:0} µs of processor time per slot (all threads, until the last snapshot is stored; {jit.Methods} methods JIT-compiled meanwhile, {jit.Time.TotalMilliseconds:0} ms; {snapshotOutcomes.Describe()}; {gc.Describe(computed.Operations, "slot")})");
            await system.Terminate();
        }

        using (var system = ActorSystem.Create("bench-compute", config))
        {
            var entity = system.ActorOf(ProcessEntity.Props(id, settings), "process");
            var recovery = await progress.TrackAsync($"hb bench compute ({label}): restarting, scheduler recovery…", TimeSpan.FromSeconds(2), async () =>
            {
                var clock = Stopwatch.StartNew();
                var current = await entity.Ask<CurrentSlot>(new GetCurrentSlot(id), LongWait, cancellationToken);
                if (current.Slot != last) throw new InvalidOperationException($"the recovered scheduler is at slot {current.Slot}, not {last}");
                return new ComputeBenchResult(snapshots ? ComputeBenchRows.SchedulerRecoveryWithSnapshots : ComputeBenchRows.SchedulerRecoveryWithoutSnapshots,
                    last + 1, clock.Elapsed);
            });
            var rerun = await progress.TrackAsync($"hb bench compute ({label}): computing slot {last} after the restart…",
                TimeSpan.FromMilliseconds((last - resumedFrom) / 2.0), () => ComputeAsync(entity, id, last,
                    snapshots ? ComputeBenchRows.ComputeRecoveryWithSnapshots : ComputeBenchRows.ComputeRecoveryWithoutSnapshots, last - resumedFrom, cancellationToken));
            await system.Terminate();
            return new ComputeScenarioResult(scheduled, computed, recovery, rerun, resumedFrom);
        }
    }

    /// <summary>
    /// Slots a warm-up round schedules and computes: a scheduler snapshot (every 1 000 events by default) and 64
    /// compute snapshots. Long enough that the few methods each new process costs the JIT (reflection's invoke stubs
    /// of the actors its recovery and its journal queries create, re-made whenever the runtime's reflection cache was
    /// collected) stay under <see cref="JitWarmup.QuietMethods"/> a slice: with 256-slot rounds they never did.
    /// </summary>
    private const int WarmupSlots = 1024;

    /// <summary>
    /// The assignments a warm-up entity keeps in memory: fewer than a round's, so that its computer reads most of
    /// them from the journal as a row's does (the rows' entities keep the last 128 of their N,
    /// <see cref="ProcessEntitySettings.RecentAssignments"/>). Without it the read journal (Akka.Persistence.Sql's
    /// query side, Akka.Streams, linq2db's query building), made on the first read in an actor system, was first
    /// compiled inside the measured row: ~3 000 methods in a --quick row.
    /// </summary>
    private const int WarmupRecentAssignments = 128;

    /// <summary>
    /// Rounds on the path the rows measure, in this very actor system (its journal, snapshot store and their query
    /// building): a fresh process scheduled <see cref="WarmupSlots"/> messages, computed, its last snapshot stored,
    /// then stopped; until the JIT is quiet or <see cref="ComputeBenchOptions.Warmup"/> has passed.
    /// </summary>
    private static Task<JitWarmupResult> WarmUpAsync(ActorSystem system, ProcessEntitySettings settings, bool snapshots, ComputeBenchOptions options,
        CancellationToken cancellationToken)
    {
        var round = 0;
        var roundOptions = options with { Slots = WarmupSlots };
        var roundSettings = settings with { RecentAssignments = WarmupRecentAssignments };
        return JitWarmup.RunAsync(async duration =>
        {
            var clock = Stopwatch.StartNew();
            do
            {
                var process = ComputeCounterProcess.Create();
                var id = ComputeCounterProcess.IdOf(process);
                var entity = system.ActorOf(ProcessEntity.Props(id, roundSettings), $"warmup-{round++}");
                await ScheduleAsync(entity, id, process, roundOptions, snapshots, cancellationToken);
                await ComputeAsync(entity, id, WarmupSlots, "warm-up", WarmupSlots + 1, cancellationToken);
                await WaitForSnapshotAsync(system, id, snapshots ? WarmupSlots - WarmupSlots % options.ComputeSnapshotEvery : 0, cancellationToken);
                // Its Lua engine and state would otherwise stay for the rows.
                await entity.GracefulStop(LongWait);
            }
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested);
        }, TimeSpan.Zero, options.Warmup, cancellationToken);
    }

    /// <summary>The process at slot 0, then N cheap messages from <see cref="ComputeBenchOptions.Clients"/> concurrent senders.</summary>
    private static async Task<ComputeBenchResult> ScheduleAsync(IActorRef entity, string id, HyperBeam.Core.Messages.Message process,
        ComputeBenchOptions options, bool snapshots, CancellationToken cancellationToken)
    {
        // Slot 0 first and unmeasured: it also creates the journal tables.
        Expect<Scheduled>(await entity.Ask<object>(new Schedule(id, process), LongWait, cancellationToken), "scheduling the process");
        var clock = Stopwatch.StartNew();
        long next = 0;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Clients, options.Slots)).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var n && n <= options.Slots)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var reply = await entity.Ask<object>(new Schedule(id, ComputeCounterProcess.Input(n)), LongWait, cancellationToken);
                Expect<Scheduled>(reply, $"scheduling message {n}");
            }
        }, cancellationToken)));
        return new ComputeBenchResult(snapshots ? ComputeBenchRows.ScheduleWithSnapshots : ComputeBenchRows.ScheduleWithoutSnapshots,
            options.Slots, clock.Elapsed);
    }

    /// <summary>Computes up to <paramref name="slot"/> and checks the counter counted every slot (slot 0, the process, counts too).</summary>
    private static async Task<ComputeBenchResult> ComputeAsync(IActorRef entity, string id, long slot, string name, long slotsRun, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var computed = Expect<Computed>(await entity.Ask<object>(new ComputeRequest(id, slot), LongWait, cancellationToken), $"computing slot {slot}");
        var elapsed = clock.Elapsed;
        ComputeBaselines.CheckCount(computed.State, slot + 1);
        return new ComputeBenchResult(name, slotsRun, elapsed);
    }

    /// <summary>
    /// Snapshots are saved in the background: the first life ends only once the one of <paramref name="expected"/>
    /// is in the store (or after a while, taking what is there), so the second life resumes from where it should.
    /// </summary>
    private static async Task<long> WaitForSnapshotAsync(ActorSystem system, string id, long expected, CancellationToken cancellationToken)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var loaded = await store.Ask<LoadSnapshotResult>(
                new LoadSnapshot(ProcessComputer.PersistenceIdOf(id), SnapshotSelectionCriteria.Latest, long.MaxValue), LongWait, cancellationToken);
            var slot = (loaded.Snapshot?.Snapshot as ComputeSnapshot)?.Slot ?? -1;
            if (slot >= expected || clock.Elapsed > TimeSpan.FromSeconds(30)) return slot;
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private static T Expect<T>(object reply, string what) => reply switch
    {
        T expected => expected,
        ProcessCommandFailed failed => throw new InvalidOperationException($"{what} failed: {failed.Status} {failed.Reason}"),
        _ => throw new InvalidOperationException($"{what}: unexpected reply {reply}"),
    };
}
