using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Processes.Persistence;
using HyperBeam.Processes.Protocol;
using HyperBeam.Processes.Scheduling;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// <c>hb bench schedule</c>: assignments per second into real process entities on a real SQLite journal (a fresh
/// temporary folder), for 1 and for many processes, in both signing modes, with N clients each keeping one
/// schedule request in flight; beside the two baselines an assignment is made of.
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
            results.Add(await ScheduleBaselines.SignaturesAsync(wallet, options.Duration, cancellationToken));
            results.Add(await ScheduleBaselines.SqliteInsertsAsync(folder, options.Duration, cancellationToken));
            foreach (var signing in new[] { AssignmentSigning.Each, AssignmentSigning.Checkpoint })
            foreach (var processes in options.ProcessCounts)
            {
                progress.WriteLine($"hb bench schedule: {processes} process(es), {SchedulerOptionNames.Name(signing)} signing…");
                results.Add(await ScenarioAsync(folder, wallet, new ProcessEntitySettings(signer) { Signing = signing }, processes, options, cancellationToken));
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
        ScheduleBenchOptions options, CancellationToken cancellationToken)
    {
        var database = Path.Combine(folder, $"journal-{SchedulerOptionNames.Name(settings.Signing)}-{processCount}.db");
        SqliteJournalFile.EnableWriteAheadLog(database);
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING").WithFallback(ProcessesHocon.Sqlite(database));
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

        long operations = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(client => Task.Run(async () =>
        {
            var n = 0;
            while (clock.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested)
            {
                var (id, entity) = entities[(client + n) % entities.Count];
                var reply = await entity.Ask<object>(new Schedule(id, Message.Of(("type", "Message"), ("client", client), ("n", n))), timeout, cancellationToken);
                if (reply is Scheduled) Interlocked.Increment(ref operations);
                else Interlocked.Increment(ref errors);
                n++;
            }
        }, cancellationToken)));
        var elapsed = clock.Elapsed;
        await system.Terminate();
        var name = $"assignments: {processCount} process{(processCount == 1 ? "" : "es")}, {SchedulerOptionNames.Name(settings.Signing)} signing";
        return new ScheduleBenchResult(name, operations, elapsed, errors);
    }
}
