using System.Globalization;
using HyperBeam.Codecs.HttpSig;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// <c>hb bench http-external</c>'s work: wrk (another process) loads a real <c>hb run</c> child process and a plain
/// Kestrel endpoint (in this process) with the same scripts and settings, row by row, then this process measures the
/// raw RSA verification rate with wrk and the node idle. Four kinds of request, none folded by the in-flight dedup
/// except the info page, which is one fixed request as <c>hb bench http</c> sends it.
/// </summary>
public static class ExternalHttpBench
{
    public const string DistinctRow = "distinct GETs /~message@1.0&n=<t-k>/n";
    public const string SignedRowPrefix = "signed POSTs";
    public const string SignedRow = SignedRowPrefix + " /~message@1.0/n (RFC 9421, 1 verify each)";
    public const string ProcessReadRow = "process reads /<pid>~process@1.0/compute&slot=N&bench=<t-k>";
    public const string MetaInfoRow = HttpBench.MetaInfoPath;

    /// <summary>Messages scheduled on the read process before its last slot is computed once and cached.</summary>
    public const int ProcessSlots = 4;

    public static async Task<ExternalHttpBenchRun> RunAsync(ExternalHttpBenchOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var wrk = await WrkTool.FindOrInstallAsync(progress, cancellationToken);
        progress.WriteLine("hb bench http-external: creating a wallet…");
        using var wallet = Wallet.Create();
        progress.WriteLine($"hb bench http-external: signing {options.SignedPoolSize} distinct requests…");
        var signed = SignedPool(wallet, options.SignedPoolSize);

        await using var kestrel = await BaselineServer.StartAsync(cancellationToken);
        progress.WriteLine("hb bench http-external: starting hb run…");
        await using var node = await NodeChildProcess.StartAsync(cancellationToken: cancellationToken);
        using var client = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(60) };

        progress.WriteLine("hb bench http-external: spawning a process and computing its slots…");
        var process = await BenchProcess.SpawnAsync(client, wallet, cancellationToken);
        for (var n = 1; n <= ProcessSlots; n++) await process.ScheduleAsync(client, process.NewMessage(n), cancellationToken);
        var computePath = process.ComputePath(process.Slot);
        await BenchProcess.GetOkAsync(client, computePath, cancellationToken);
        // One of each, so that a request the node refuses stops the bench here rather than measuring error replies.
        await BenchProcess.SendOkAsync(client, SignedRequest(wallet, -1), cancellationToken);
        await BenchProcess.GetOkAsync(client, "/~message@1.0&n=check/n", cancellationToken);

        var targets = new (string Name, string Path, string Script)[]
        {
            (DistinctRow, "/", WrkScripts.Distinct("/~message@1.0&n=", "/n")),
            (SignedRow, "/", WrkScripts.Pool(signed, options.Threads)),
            (ProcessReadRow, "/", WrkScripts.Distinct(computePath + "&bench=", "")),
            (MetaInfoRow, HttpBench.MetaInfoPath, WrkScripts.Static()),
        };
        var rows = new List<ExternalHttpRow>();
        foreach (var (name, path, script) in targets)
        {
            progress.WriteLine($"hb bench http-external: {name}: kestrel, then the node, {options.Duration.TotalSeconds:0} s each after {options.Warmup.TotalSeconds:0} s warm-up…");
            var (onKestrel, kestrelTime) = await MeasureAsync(wrk, new Uri(kestrel.Url, path), script, options, null, cancellationToken);
            var (onNode, nodeTime) = await MeasureAsync(wrk, new Uri(node.Url, path), script, options, node, cancellationToken);
            rows.Add(new ExternalHttpRow(name, onKestrel, onNode, nodeTime, kestrelTime));
        }
        progress.WriteLine("hb bench http-external: raw RSA-4096 verifications on all cores…");
        var before = Environment.CpuUsage.TotalTime;
        var (verifications, elapsed) = await VerifyBaseline.RunAsync(wallet, options.Duration, cancellationToken);
        var verifyTime = Environment.CpuUsage.TotalTime - before;
        return new ExternalHttpBenchRun(rows, verifications / elapsed.TotalSeconds, verifications > 0 ? verifyTime.TotalMicroseconds / verifications : 0);
    }

    /// <summary>
    /// wrk's result after its warm-up, and the processor time the server used meanwhile: <paramref name="node"/>'s when
    /// given, else this process's, which then serves the plain Kestrel endpoint and otherwise only waits for wrk.
    /// </summary>
    private static async Task<(WrkResult Result, TimeSpan NodeTime)> MeasureAsync(
        WrkTool wrk, Uri url, string script, ExternalHttpBenchOptions options, NodeChildProcess? node, CancellationToken cancellationToken)
    {
        if (options.Warmup > TimeSpan.Zero) await wrk.RunAsync(url, script, options.Wrk, options.Warmup, cancellationToken);
        var before = node?.ProcessorTime ?? Environment.CpuUsage.TotalTime;
        var result = await wrk.RunAsync(url, script, options.Wrk, options.Duration, cancellationToken);
        return (result, (node?.ProcessorTime ?? Environment.CpuUsage.TotalTime) - before);
    }

    /// <summary>Distinct signed requests (each its own <c>n</c> and nonce), signed in parallel on every core.</summary>
    private static List<byte[]> SignedPool(Wallet wallet, int size)
    {
        var pool = new byte[size][];
        Parallel.For(0, size, i => pool[i] = SignedRequest(wallet, i).ToRawBytes("127.0.0.1"));
        return [.. pool];
    }

    private static EncodedRequest SignedRequest(Wallet wallet, long n) =>
        EncodedRequest.Of("POST", "/~message@1.0/n", HttpSigCommitments.Commit(
            Message.Of(("n", n.ToString(CultureInfo.InvariantCulture)), ("nonce", Guid.NewGuid().ToString("N"))), wallet));
}
