using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Cluster.Hosting;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Persistence.Journal;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// <c>hb bench schedule</c>: assignments per second into real process entities on a real journal (a SQLite file in a
/// fresh temporary folder, or PostgreSQL), for 1 and for many processes, in both signing modes, with N clients each
/// keeping one schedule request in flight, after an unmeasured warm-up; beside the two baselines an assignment is
/// made of (the SQLite baseline stays SQLite with either journal: it is the yardstick the goals are written in), and
/// the most N closed-loop clients could reach on that SQLite yardstick (<see cref="ScheduleCeiling"/>).
/// </summary>
public static class ScheduleBench
{
    public static async Task<IReadOnlyList<ScheduleBenchResult>> RunAsync(ScheduleBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hb-bench-schedule-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        progress.WriteLine("hb bench schedule: creating a wallet…");
        using var wallet = Wallet.Create();
        using var signer = new AssignmentSigner(wallet);
        var results = new List<ScheduleBenchResult>();
        try
        {
            progress.WriteLine("hb bench schedule: baselines…");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var signatures = await ScheduleBaselines.SignaturesAsync(wallet, options.Duration, cancellationToken);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            if (signatures.Operations > 0) progress.WriteLine($"hb bench schedule: {signatures.Name}: {cpu.TotalMicroseconds / signatures.Operations:0} µs of processor time per signature");
            results.Add(signatures);
            results.Add(await ScheduleBaselines.SqliteInsertsAsync(folder, options.Duration, cancellationToken));
            if (options.Warmup > TimeSpan.Zero)
            {
                // The first row would otherwise pay the JIT's tiering of the whole path (entity, journal, signer),
                // which a running node pays once after it starts: one unmeasured pass of each mode first.
                progress.WriteLine("hb bench schedule: warming up the path…");
                foreach (var signing in options.Signings)
                    await ScenarioAsync(folder, wallet, new ProcessEntitySettings(signer) { Signing = signing }, 1, options with { Duration = TimeSpan.Zero }, TextWriter.Null, cancellationToken);
            }
            foreach (var signing in options.Signings)
            foreach (var processes in options.ProcessCounts)
            {
                progress.WriteLine($"hb bench schedule: {processes} process(es), {SchedulerOptionNames.Name(signing)} signing…");
                results.Add(await ScenarioAsync(folder, wallet, new ProcessEntitySettings(signer) { Signing = signing }, processes, options, progress, cancellationToken));
            }
            // Last, so the writeback of its file and the garbage of its writers fall on no node row; listed beside
            // the baseline it is measured against.
            // One per process count: with many processes a commit's rows land in as many places of the table's key.
            var position = 2;
            foreach (var (ceiling, ceilingCommits) in await ScheduleCeiling.RunAsync(folder, options.Clients, options.ProcessCounts, options.Duration, cancellationToken))
            {
                progress.WriteLine($"hb bench schedule: {ceiling.Name}: {Describe(ceilingCommits, ceiling.Elapsed)}");
                results.Insert(position++, ceiling);
            }
            return results;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<ScheduleBenchResult> ScenarioAsync(string folder, Wallet wallet, ProcessEntitySettings settings, int processCount,
        ScheduleBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING")
            .WithFallback(JournalConfig(folder, $"{SchedulerOptionNames.Name(settings.Signing)}-{processCount}-{Guid.NewGuid():N}", options));
        using var system = ActorSystem.Create("bench", config);
        var timeout = TimeSpan.FromSeconds(60);
        var entities = new List<(string Id, IActorRef Entity)>();
        for (var p = 0; p < processCount; p++)
        {
            var process = HttpSigCommitments.Commit(Message.Of(("type", "Process"), ("device", "process@1.0"), ("nonce", Guid.NewGuid().ToString("N"))), wallet);
            var id = MessageIds.All(process);
            var entity = system.ActorOf(ProcessEntity.Props(id, settings), "process-" + p);
            await entity.Ask<Scheduled>(new Schedule(id, process), timeout, cancellationToken);
            entities.Add((id, entity));
        }

        var name = $"assignments: {processCount} process{(processCount == 1 ? "" : "es")}, {SchedulerOptionNames.Name(settings.Signing)} signing";
        if (options.Warmup > TimeSpan.Zero) await WarmUpAsync(entities, options, name, timeout, progress, cancellationToken);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var jitBefore = JitActivity.Now();
        var gcBefore = GcActivity.Now();
        var checkpointsBefore = settings.Checkpointer.Signatures;
        var commitsBefore = JournalWriteStage.Committed;
        var latencies = new LatencyHistogram();
        var (operations, errors, elapsed) = await LoadAsync(entities, options.Clients, options.Duration, "load", timeout, cancellationToken, latencies);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var jit = JitActivity.Now() - jitBefore;
        var gc = GcActivity.Now() - gcBefore;
        var checkpoints = settings.Checkpointer.Signatures - checkpointsBefore;
        var commits = JournalWriteStage.Committed - commitsBefore;
        await system.Terminate();
        // On a shared machine the rate says as much about the neighbours as about the node; the processor time an
        // assignment took (all threads of this process, clients included) is the steadier figure.
        if (operations > 0)
            progress.WriteLine($"hb bench schedule: {name}: {cpu.TotalMicroseconds / operations:0} µs of processor time per assignment " +
                $"(the JIT compiled {jit.Methods} methods in {jit.Time.TotalMilliseconds:0} ms meanwhile; {gc.Describe(operations, "assignment")}; {checkpoints} node checkpoint signatures; " +
                $"answered in {Milliseconds(latencies, 50)} / {Milliseconds(latencies, 99)} / {Milliseconds(latencies, 99.9)} / {Milliseconds(latencies, 100)} ms (p50 / p99 / p99.9 / max)" +
                (commits.Commits > 0 ? $"; {Describe(commits, elapsed)})" : ")"));
        return new ScheduleBenchResult(name, operations, elapsed, errors);
    }

    private static string Milliseconds(LatencyHistogram latencies, double percentile) => latencies.Percentile(percentile).TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// How well rows were grouped into commits: commits per second, rows per commit, and how long a commit took
    /// (first insert to durable) with the share of the time the writer spent in commits (the rest it waited for rows).
    /// </summary>
    private static string Describe(CommitCounts commits, TimeSpan elapsed) =>
        $"{commits.Commits / elapsed.TotalSeconds:0} commits/s, {commits.RowsPerCommit:0.0} rows per commit, " +
        $"{commits.PerCommit.TotalMilliseconds:0.00} ms a commit ({commits.Writing / elapsed:P0} of the time writing)";

    /// <summary>
    /// Loads the scenario for at least <see cref="ScheduleBenchOptions.Warmup"/>, then on while the JIT is still busy
    /// (<see cref="JitWarmup"/>, up to its limit): each row starts a new actor system, journal and entities, and what
    /// their start-up ran often enough is re-compiled at higher tiers in the background for seconds afterwards.
    /// </summary>
    private static async Task WarmUpAsync(List<(string Id, IActorRef Entity)> entities, ScheduleBenchOptions options, string name, TimeSpan timeout,
        TextWriter progress, CancellationToken cancellationToken)
    {
        var limit = options.Warmup > JitWarmup.DefaultLimit ? options.Warmup : JitWarmup.DefaultLimit;
        var warmup = await JitWarmup.RunAsync(duration => LoadAsync(entities, options.Clients, duration, "warmup", timeout, cancellationToken),
            options.Warmup, limit, cancellationToken);
        progress.WriteLine($"hb bench schedule: {name}: {warmup}");
    }

    /// <summary>
    /// Each client keeps one schedule request in flight for <paramref name="duration"/>, round robin over the processes;
    /// with <paramref name="latencies"/>, how long each took to be answered goes there.
    /// </summary>
    private static async Task<(long Operations, long Errors, TimeSpan Elapsed)> LoadAsync(List<(string Id, IActorRef Entity)> entities, int clients,
        TimeSpan duration, string phase, TimeSpan timeout, CancellationToken cancellationToken, LatencyHistogram? latencies = null)
    {
        long operations = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var own = new LatencyHistogram();
            var n = 0;
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                var (id, entity) = entities[(client + n) % entities.Count];
                var message = Message.Of(("type", "Message"), ("phase", phase), ("client", client), ("n", n));
                var sent = Stopwatch.GetTimestamp();
                var reply = await entity.Ask<object>(new Schedule(id, message), timeout, cancellationToken);
                own.Record(Stopwatch.GetElapsedTime(sent));
                if (reply is Scheduled) Interlocked.Increment(ref operations);
                else Interlocked.Increment(ref errors);
                n++;
            }
            return own;
        }, cancellationToken)));
        foreach (var own in perClient) latencies?.Add(own);
        return (operations, errors, clock.Elapsed);
    }

    /// <summary>A fresh SQLite file per scenario, or the shared PostgreSQL (fresh processes, so fresh persistence IDs).</summary>
    private static Config JournalConfig(string folder, string scenario, ScheduleBenchOptions options)
    {
        if (options.Journal == ScheduleJournal.Postgres)
        {
            var connectionString = options.PostgresConnectionString
                ?? throw new InvalidOperationException("the PostgreSQL journal needs a connection string (HB_POSTGRES or HB_TEST_POSTGRES)");
            return PostgresPersistenceExtensions.Configuration(connectionString).WithFallback(ProcessesHocon.SqliteDefaults);
        }
        if (options.Journal == ScheduleJournal.Memory)
        {
            return ConfigurationFactory.ParseString("""
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """).WithFallback(ProcessesHocon.SqliteDefaults);
        }
        var database = Path.Combine(folder, $"journal-{scenario}.db");
        SqliteJournalFile.EnableWriteAheadLog(database);
        return ProcessesHocon.Sqlite(database);
    }
}
