using Akka.Configuration;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Node;
using HyperBeam.Node.Terminal;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// <c>hb bench http</c>'s work: a node and a plain Kestrel baseline in this process, both on 127.0.0.1 with a free
/// port, loaded one after the other through one pooled client. Client and servers share the machine's cores, so the
/// ratios to the baseline mean more than the absolute figures.
/// </summary>
public static class HttpBench
{
    public const string BaselineName = "baseline";

    /// <summary>The node's info page: the full pipeline, one meta@1.0 step, an httpsig reply.</summary>
    public const string MetaInfoPath = "/~meta@1.0/info";

    /// <summary>
    /// The same resolution every time: concurrent identical requests share one resolution (the queue's in-flight
    /// dedup), so this shows the pipeline's cost with the resolver mostly out of the way.
    /// </summary>
    public const string SameResolvePath = "/~message@1.0&a=1/a";

    public static Task<IReadOnlyList<LoadResult>> RunAsync(LoadOptions options, TextWriter progress, CancellationToken cancellationToken = default) =>
        RunAsync(options, new TerminalProgress(progress, interactive: false), cancellationToken);

    /// <summary>As above, showing each target's run through <paramref name="progress"/> (a live bar on a terminal).</summary>
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(LoadOptions options, TerminalProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var baseline = await BaselineServer.StartAsync(cancellationToken);
            await using var node = await HyperBeamNode.StartAsync(NodeOptions(dataDir), cancellationToken: cancellationToken);
            using var client = CreateClient(options.Connections);
            var runner = new LoadRunner(client);
            var targets = new (string Name, Uri Url)[]
            {
                (BaselineName, baseline.Url),
                (MetaInfoPath, new Uri(node.Url, MetaInfoPath)),
                (SameResolvePath, new Uri(node.Url, SameResolvePath)),
            };
            var results = new List<LoadResult>(targets.Length);
            foreach (var (name, url) in targets)
            {
                var label = $"hb bench: {name} ({url}) for {options.Duration.TotalSeconds:0.#} s after {options.Warmup.TotalSeconds:0.#} s warm-up";
                results.Add(await progress.TrackAsync(label, options.Warmup + options.Duration, () => runner.RunAsync(name, url, options, cancellationToken)));
            }
            return results;
        }
        finally
        {
            DeleteQuietly(dataDir);
        }
    }

    /// <summary>One pool, one connection per worker: a worker never waits for another's connection.</summary>
    private static HttpClient CreateClient(int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };

    private static NodeOptions NodeOptions(string dataDir)
    {
        // Akka's INFO lines would interleave with the report.
        var quiet = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING").WithFallback(NodeConfiguration.Defaults);
        return NodeConfiguration.FromConfig(quiet, host: "127.0.0.1") with { Port = 0, DataDir = dataDir };
    }

    /// <summary>Deletes a bench's temporary folder; one left behind is harmless, a report lost to it is not.</summary>
    internal static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the report matters more.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
