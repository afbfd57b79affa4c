using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBeam.Core.Wallets;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Interop.Tests;

/// <summary>
/// The Node side, set up once for the whole collection: <c>npm ci</c> installs the pinned packages (arbundles,
/// http-message-signatures, structured-headers) from the committed package-lock.json into the test output's <c>node/</c> folder (package.json, the lock file and the
/// scripts are copied there by the build), then tests run <c>scripts/*.mjs</c> as child processes, one JSON object
/// in on stdin and one out on stdout.
/// </summary>
public sealed class NodeFixture : IAsyncLifetime
{
    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    public string NodeDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "node");

    /// <summary>How long <c>npm ci</c> took.</summary>
    public TimeSpan InstallTime { get; private set; }

    /// <summary>One .NET-generated key for the tests that sign on this side (RSA-4096 generation takes seconds).</summary>
    public Wallet Wallet { get; } = Wallet.Create();

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(NodeDirectory, "package-lock.json")))
            throw new InvalidOperationException($"{NodeDirectory} has no package-lock.json; the build copies it there");
        // --ignore-scripts: arbundles' optional native crypto (keccak, secp256k1) is not needed for RSA, and skipping
        // it keeps the install free of compilers and identical on every machine.
        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        var result = await ChildProcess.RunAsync(npm, ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
            NodeDirectory, stdin: null, InstallTimeout);
        InstallTime = result.Elapsed;
    }

    /// <summary>Runs <c>scripts/{name}</c> with <paramref name="input"/> on stdin and returns its JSON output.</summary>
    public async Task<JsonElement> RunAsync(string name, JsonObject input, TimeSpan? timeout = null)
    {
        var result = await ChildProcess.RunAsync("node", [Path.Combine("scripts", name)], NodeDirectory, input.ToJsonString(), timeout ?? ScriptTimeout);
        try
        {
            return JsonDocument.Parse(result.Stdout).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"scripts/{name} did not print JSON: '{result.Stdout}'. stderr:\n{result.Stderr}", e);
        }
    }

    /// <summary>
    /// <see cref="RunAsync"/> once per script and input for the whole collection, so a theory over a large corpus
    /// starts Node once rather than once per case.
    /// </summary>
    public Task<JsonElement> RunOnceAsync(string name, JsonObject input)
    {
        lock (_once)
        {
            var key = name + "\n" + input.ToJsonString();
            if (!_once.TryGetValue(key, out var run)) _once[key] = run = RunAsync(name, input);
            return run;
        }
    }

    private readonly Dictionary<string, Task<JsonElement>> _once = [];

    public Task DisposeAsync()
    {
        Wallet.Dispose();
        return Task.CompletedTask;
    }
}
