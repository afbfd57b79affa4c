using System.Diagnostics;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;
using HyperBeam.Processes.Protocol;
using Microsoft.Data.Sqlite;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// <c>hb bench cluster</c>: aggregate assignments per second of a local cluster of in-process nodes, for each node
/// count, with the processes spread over the cluster's shards and the clients spread over its nodes' gateways.
/// The journal is the shared PostgreSQL of <c>HB_POSTGRES</c> / <c>HB_TEST_POSTGRES</c>, else each node's own SQLite.
/// </summary>
public static class ClusterBench
{
    private static readonly TimeSpan FormTimeout = TimeSpan.FromSeconds(90);

    public static async Task<ClusterBenchRun> RunAsync(ClusterBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var keyFile = Path.Combine(Path.GetTempPath(), $"hb-bench-cluster-key-{Guid.NewGuid():N}.json");
        using var wallet = Wallet.Create();
        wallet.Save(keyFile, overwrite: true);
        try
        {
            var results = new List<ClusterBenchResult>();
            foreach (var count in options.NodeCounts)
            {
                progress.WriteLine($"hb bench cluster: {count} node(s)…");
                results.Add(await ConfigurationAsync(count, keyFile, wallet, options, cancellationToken));
            }
            return new ClusterBenchRun(ClusterBenchNode.Postgres is null ? "per-node SQLite" : "shared PostgreSQL", results);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(keyFile);
        }
    }

    private static async Task<ClusterBenchResult> ConfigurationAsync(int count, string keyFile, Wallet wallet, ClusterBenchOptions options,
        CancellationToken cancellationToken)
    {
        var ports = Enumerable.Range(0, count).Select(_ => ClusterBenchNode.FreePort()).ToArray();
        var nodes = new List<ClusterBenchNode>();
        try
        {
            foreach (var port in ports) nodes.Add(await ClusterBenchNode.StartAsync(port, ports[0], keyFile));
            await FormedAsync(nodes, cancellationToken);
            var processes = await CreateProcessesAsync(nodes, wallet, options.Processes, cancellationToken);
            return await LoadAsync(nodes, processes, options, cancellationToken);
        }
        finally
        {
            // Youngest first, so the seed leaves last.
            for (var i = nodes.Count - 1; i >= 0; i--) await nodes[i].DisposeAsync();
        }
    }

    /// <summary>Waits until every node sees all of them up, so the processes spread over the whole cluster.</summary>
    private static async Task FormedAsync(IReadOnlyList<ClusterBenchNode> nodes, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!nodes.All(n => n.UpMembers == nodes.Count))
        {
            if (clock.Elapsed > FormTimeout) throw new InvalidOperationException($"{nodes.Count} nodes did not form one cluster within {FormTimeout.TotalSeconds:0} s");
            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task<string[]> CreateProcessesAsync(IReadOnlyList<ClusterBenchNode> nodes, Wallet wallet, int count, CancellationToken cancellationToken)
    {
        var ids = new string[count];
        await Task.WhenAll(Enumerable.Range(0, count).Select(async p =>
        {
            var process = HttpSigCommitments.Commit(Message.Of(("type", "Process"), ("device", "process@1.0"), ("nonce", Guid.NewGuid().ToString("N"))), wallet);
            var id = MessageIds.All(process);
            var reply = await nodes[p % nodes.Count].Gateway.AskAsync(new Schedule(id, process), cancellationToken);
            if (reply is not Scheduled) throw new InvalidOperationException($"process {p} was not created: {reply}");
            ids[p] = id;
        }));
        return ids;
    }

    private static async Task<ClusterBenchResult> LoadAsync(IReadOnlyList<ClusterBenchNode> nodes, string[] processes, ClusterBenchOptions options,
        CancellationToken cancellationToken)
    {
        long operations = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(client => Task.Run(async () =>
        {
            // Each client enters through one node; its process may live on any node.
            var gateway = nodes[client % nodes.Count].Gateway;
            var n = 0;
            while (clock.Elapsed < options.Duration && !cancellationToken.IsCancellationRequested)
            {
                var id = processes[(client + n) % processes.Length];
                var reply = await gateway.AskAsync(new Schedule(id, Message.Of(("type", "Message"), ("client", client), ("n", n))), cancellationToken);
                if (reply is Scheduled) Interlocked.Increment(ref operations);
                else Interlocked.Increment(ref errors);
                n++;
            }
        }, cancellationToken)));
        return new ClusterBenchResult(nodes.Count, operations, clock.Elapsed, errors);
    }
}
