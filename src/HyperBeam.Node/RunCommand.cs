using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using HyperBeam.Core.Wallets;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Node;
using Microsoft.Extensions.Configuration;

namespace HyperBeam.Node;

/// <summary>
/// <c>hb run</c>: starts a node and serves until Ctrl-C or SIGTERM. Precedence: flag &gt; <c>HB_*</c> environment
/// variable &gt; <c>appsettings.json</c> in the working directory (section <c>HyperBeam</c>) &gt; config file
/// (<c>--config</c>) &gt; the embedded hocon/node.hocon defaults.
/// </summary>
public static class RunCommand
{
    public const int DefaultPort = NodeOptions.DefaultPort;
    public const string PortEnv = "HB_PORT";
    public const string DataDirEnv = "HB_DATA_DIR";
    public const string KeyEnv = "HB_KEY";
    public const string ConfigEnv = "HB_CONFIG";
    public const string HostEnv = "HB_HOST";
    public const string SeedsEnv = "HB_SEEDS";
    public const string ClusterPortEnv = "HB_CLUSTER_PORT";

    public static Command Create()
    {
        var port = new Option<int?>("--port", "-p")
        {
            Description = $"HTTP port to listen on (env {PortEnv}, default {DefaultPort})",
            CustomParser = result => ParsePort(result.Tokens[0].Value, "--port", result),
        };
        var host = new Option<string?>("--host") { Description = $"Address to listen on (env {HostEnv}, default 0.0.0.0)" };
        var dataDir = new Option<string?>("--data-dir", "-d") { Description = $"Directory for the node's data (env {DataDirEnv}, default ./hb-data)" };
        var key = new Option<string?>("--key", "-k") { Description = $"Wallet key file, created if missing (env {KeyEnv}, default <data-dir>/hb-key.json)" };
        var config = new Option<string?>("--config", "-c") { Description = $"HOCON file layered over the defaults (env {ConfigEnv})" };
        var seed = new Option<string[]>("--seed") { Description = $"Cluster seed node, host:port or akka.tcp://hyperbeam@host:port; repeatable (env {SeedsEnv}, comma-separated)" };
        var clusterPort = new Option<int?>("--cluster-port")
        {
            Description = $"Port for other cluster nodes (env {ClusterPortEnv}, default 4053)",
            CustomParser = result => ParsePort(result.Tokens[0].Value, "--cluster-port", result),
        };

        var command = new Command("run", "Start a node");
        foreach (var option in new Option[] { port, host, dataDir, key, config, seed, clusterPort }) command.Options.Add(option);
        command.SetAction(async (parseResult, _) =>
        {
            // Signals are ours from here on, during start-up too (Program.cs turns the parser's handler off for run).
            using var stop = new StopSignals();
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            // Every HB_* variable is an option (HB_FEATURES__LUA=off → hyperbeam.features.lua); flags override them.
            var overrides = new Dictionary<string, string>(ConfigurationLayers.FromEnvironment(Environment.GetEnvironmentVariables()));
            if (parseResult.GetValue(port)?.ToString(CultureInfo.InvariantCulture) is { } p) overrides["hyperbeam.port"] = p;
            if (parseResult.GetValue(dataDir) is { } d) overrides["hyperbeam.data-dir"] = d;
            // Either cluster setting turns clustering on (hocon/cluster.hocon, read by HyperBeam.Cluster's HyperBeamClusterOptions).
            if ((parseResult.GetValue(seed) is { Length: > 0 } seeds ? string.Join(',', seeds) : NonEmptyEnv(SeedsEnv)) is { } s)
                (overrides["hyperbeam.cluster.seeds"], overrides["hyperbeam.cluster.enabled"]) = (s, "on");
            if ((parseResult.GetValue(clusterPort)?.ToString(CultureInfo.InvariantCulture) ?? NonEmptyEnv(ClusterPortEnv)) is { } cp)
                (overrides["hyperbeam.cluster.port"], overrides["hyperbeam.cluster.enabled"]) = (cp, "on");
            NodeOptions options;
            try
            {
                var appSettings = new ConfigurationBuilder().SetBasePath(Directory.GetCurrentDirectory())
                    .AddJsonFile("appsettings.json", optional: true).Build();
                options = NodeConfiguration.Load(
                    parseResult.GetValue(config) ?? NonEmptyEnv(ConfigEnv),
                    ConfigurationLayers.FromAppSettings(appSettings),
                    overrides,
                    parseResult.GetValue(key) ?? NonEmptyEnv(KeyEnv),
                    parseResult.GetValue(host) ?? NonEmptyEnv(HostEnv));
            }
            catch (NodeConfigurationException e)
            {
                error.WriteLine($"hb: invalid configuration: {e.Message}");
                return 2;
            }

            try
            {
                // Start-up is never cut short: an actor system stopped while its actors are being created cannot stop
                // cleanly. A signal during start-up stops the node as soon as it has started.
                await using var node = await HyperBeamNode.StartAsync(options);
                if (stop.IsRequested)
                {
                    await node.StopAsync();
                    output.WriteLine($"hb: stopped by {await stop.Requested} during start-up");
                    return 0;
                }
                output.WriteLine($"{VersionCommand.Line} listening on {node.Url} (address {node.Address}, data {Path.GetFullPath(options.DataDir)})");
                using var trimmer = new NativeHeapTrimmer(NativeHeapTrimmer.DefaultInterval);
                output.WriteLine(GcSettingsLine.Describe(NativeHeapTrimmer.DefaultInterval));
                var stopped = node.WaitForShutdownAsync();
                if (await Task.WhenAny(stopped, stop.Requested) == stop.Requested)
                {
                    await node.StopAsync();
                    output.WriteLine($"hb: stopped by {await stop.Requested}");
                    return 0;
                }
                await stopped;
                output.WriteLine("hb: node stopped");
                // Non-zero when the node stopped itself for a reason, e.g. it could not join its cluster's seeds.
                return Environment.ExitCode;
            }
            catch (WalletException e)
            {
                error.WriteLine($"hb: {e.Message}");
                return 2;
            }
            catch (IOException e)
            {
                error.WriteLine($"hb: the node could not start: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int? ParsePort(string text, string source, ArgumentResult result)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 65535)
            return value;
        result.AddError($"{source} must be a port number between 0 and 65535, got '{text}'.");
        return null;
    }

    private static string? NonEmptyEnv(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
