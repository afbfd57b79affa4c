using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HyperBeam.Node.Tests;

/// <summary>
/// <c>hb run</c> as a real child process (<c>dotnet hb.dll</c> with the <c>hb.runtimeconfig.json</c> the build wrote
/// beside it, no <c>DOTNET_gc*</c> variables) runs with the garbage collector settings chosen by the soak (README, "HTTP
/// performance"): it prints them once it listens, read from the runtime itself.
/// </summary>
public sealed class RunGcSettingsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Hb_run_uses_the_concurrent_workstation_garbage_collector_and_trims_the_native_heap()
    {
        if (OperatingSystem.IsWindows()) return; // stopped with SIGTERM, a POSIX signal.
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-gc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        try
        {
            using var hb = StartHb(dataDir);
            var stderr = hb.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Deadline);
            string? line;
            try
            {
                while ((line = await hb.StandardOutput.ReadLineAsync(deadline.Token)) is not null
                       && !line.StartsWith(GcSettingsLine.Prefix, StringComparison.Ordinal))
                {
                }
            }
            finally
            {
                if (!hb.HasExited) Assert.Equal(0, Kill(hb.Id, Sigterm));
            }
            await hb.WaitForExitAsync(deadline.Token);
            Assert.True(line is not null, $"hb run printed no '{GcSettingsLine.Prefix}' line:\n{await stderr}");
            var trim = NativeHeapTrimmer.IsSupported ? "; native heap trimmed every 30 s" : ""; // glibc only
            Assert.Equal("hb: gc workstation, concurrent, conserve memory 0" + trim, line);
        }
        finally
        {
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static Process StartHb(string dataDir)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "hb.dll"), "run", "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir })
            info.ArgumentList.Add(argument);
        // Only what the build configured counts: settings from this test's environment would hide a missing one.
        foreach (var name in info.Environment.Keys.Where(IsGcVariable).ToList()) info.Environment.Remove(name);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start hb");
    }

    private static bool IsGcVariable(string name) =>
        (name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase))
        && name.Contains("gc", StringComparison.OrdinalIgnoreCase);

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
