using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace HyperBeam.Node.Benchmarking;

/// <summary>
/// The ao-loader row: the real <c>@permaweb/ao-loader</c> 0.0.49 in Node.js (AoLoader/aoloader-bench.mjs) running
/// the same module on the same Count message, as the legacy compute unit runs a process (each call gets the memory the
/// last returned). Its package is installed once with <c>npm ci</c> from the pinned lock file into a folder under the
/// temporary directory named after the lock file's hash; without node or npm the row is reported as unavailable.
/// </summary>
public static class AoLoaderBaseline
{
    public static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private static readonly string Source = Path.Combine(AppContext.BaseDirectory, "AoLoader");
    private static readonly string[] Files = ["package.json", "package-lock.json", "aoloader-bench.mjs"];

    /// <summary>The row, or why it could not be measured.</summary>
    public static async Task<(ComputeBenchResult? Result, string? Unavailable)> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        string folder;
        try
        {
            folder = await InstallAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return (null, $"ao-loader could not be installed: {e.Message}");
        }
        var seconds = Math.Max(0.2, duration.TotalSeconds).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var warmup = Math.Max(0.5, duration.TotalSeconds / 4).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var (exit, stdout, stderr) = await RunProcessAsync("node", ["aoloader-bench.mjs", GenesisWasmCounter.ModulePath, GenesisWasmCounter.Format, warmup, seconds],
            folder, duration * 3 + TimeSpan.FromSeconds(60), cancellationToken);
        if (exit != 0) return (null, $"node exited with {exit}: {stderr.Trim()}");
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        var calls = root.GetProperty("calls").GetInt64();
        var count = root.GetProperty("count").GetString();
        // A loader that did not count every call measured nothing.
        if (count is null || !count.StartsWith("count ", StringComparison.Ordinal)) return (null, $"ao-loader's counter answered '{count}'");
        return (new ComputeBenchResult(ComputeBenchRows.AoLoader, calls, TimeSpan.FromSeconds(root.GetProperty("seconds").GetDouble())), null);
    }

    /// <summary>The folder holding the script and an installed ao-loader (installing it the first time).</summary>
    private static async Task<string> InstallAsync(CancellationToken cancellationToken)
    {
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Source, "package-lock.json"), cancellationToken)))[..16].ToLowerInvariant();
        var folder = Path.Combine(Path.GetTempPath(), "hb-bench-ao-loader-" + lockHash);
        Directory.CreateDirectory(folder);
        foreach (var file in Files) File.Copy(Path.Combine(Source, file), Path.Combine(folder, file), overwrite: true);
        if (File.Exists(Path.Combine(folder, "node_modules", "@permaweb", "ao-loader", "package.json"))) return folder;
        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        var (exit, _, stderr) = await RunProcessAsync(npm, ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], folder, InstallTimeout, cancellationToken);
        if (exit != 0) throw new InvalidOperationException($"npm ci exited with {exit}: {stderr.Trim()}");
        return folder;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunProcessAsync(
        string command, string[] arguments, string folder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{command} ran past {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
