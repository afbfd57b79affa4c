using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace HyperBeam.Node.Benchmarking.External;

/// <summary>
/// The wrk load generator (Debian's <c>wrk</c> package): found on the PATH, or installed with
/// <c>apt-get install -y wrk</c> when this process runs as root; otherwise the bench stops with a message saying how.
/// </summary>
public sealed class WrkTool
{
    private WrkTool(string path) => Path = path;

    public string Path { get; }

    public static async Task<WrkTool> FindOrInstallAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (Find() is { } found) return new WrkTool(found);
        if (OperatingSystem.IsWindows() || GetEffectiveUserId() != 0)
            throw new WrkMissingException("wrk is not installed and this user cannot install it: run `sudo apt-get install -y wrk` (Debian/Ubuntu) and try again");
        progress.WriteLine("hb bench: installing wrk (apt-get install -y wrk)…");
        // A fresh image has no package lists yet: update once if the first install finds nothing.
        if (await RunAsync("apt-get", ["install", "-y", "wrk"], cancellationToken) != 0)
        {
            await RunAsync("apt-get", ["update"], cancellationToken);
            await RunAsync("apt-get", ["install", "-y", "wrk"], cancellationToken);
        }
        return Find() is { } installed
            ? new WrkTool(installed)
            : throw new WrkMissingException("apt-get install -y wrk did not install wrk; install it by hand and try again");
    }

    /// <summary>One run of <paramref name="script"/> against <paramref name="url"/>; the result is the script's summary line.</summary>
    public async Task<WrkResult> RunAsync(Uri url, string script, WrkSettings settings, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(settings);
        var scriptPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hb-wrk-" + Guid.NewGuid().ToString("N") + ".lua");
        await File.WriteAllTextAsync(scriptPath, script, cancellationToken);
        try
        {
            var info = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in settings.Arguments(duration)) info.ArgumentList.Add(argument);
            info.ArgumentList.Add("--script");
            info.ArgumentList.Add(scriptPath);
            info.ArgumentList.Add(url.ToString());
            // wrk is the bench's only child that exits while it runs: the processor time of reaped children grows by wrk's.
            var childrenBefore = ChildProcessorTime.Reaped();
            using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
            var stdout = wrk.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = wrk.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await wrk.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                wrk.Kill();
                throw;
            }
            var output = await stdout;
            var errors = await stderr;
            if (wrk.ExitCode != 0)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"wrk exited with {wrk.ExitCode}: {errors}{output}"));
            return WrkSummary.Parse(output) with { ClientProcessorTime = ChildProcessorTime.Reaped() - childrenBefore };
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);

    private static async Task<int> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        // Drained so that a chatty apt-get never blocks on a full pipe.
        var drained = Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken));
        await process.WaitForExitAsync(cancellationToken);
        await drained;
        return process.ExitCode;
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();
}
