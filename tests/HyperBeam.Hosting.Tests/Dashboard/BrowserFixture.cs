using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Hosting.Tests.Dashboard;

/// <summary>
/// The browser side, set up once: Debian's <c>chromium</c> (installed with apt-get when /usr/bin/chromium is missing,
/// as on a fresh CI machine, which runs as root) and <c>npm ci</c> of playwright-core from the committed lock file
/// into the test output's <c>browser/</c> folder. Tests then run <c>scripts/*.mjs</c> with node.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    public string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "browser");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            await ChildProcess.RunAsync("apt-get", ["update"], "/", null, InstallTimeout);
            await ChildProcess.RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], "/", null, InstallTimeout);
        }
        if (!File.Exists(Path.Combine(Folder, "package-lock.json")))
            throw new InvalidOperationException($"{Folder} has no package-lock.json; the build copies it there");
        await ChildProcess.RunAsync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], Folder, null, InstallTimeout);
    }

    /// <summary>Runs <c>scripts/{name}</c> with <paramref name="input"/> on stdin; its JSON output.</summary>
    public async Task<JsonElement> RunAsync(string name, JsonObject input)
    {
        var stdout = (await ChildProcess.RunAsync("node", [Path.Combine("scripts", name)], Folder, input.ToJsonString(), ScriptTimeout)).Stdout;
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
