using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace HyperBeam.Node.Tests;

/// <summary>
/// <c>hb run</c> as a real child process, stopped with SIGTERM while it starts: it exits 0 with one line saying why,
/// never with an unhandled exception or a stack. The signal is sent once the key file exists (hb is past its own
/// runtime start and into the node's start-up: wallet, store, host, actor system), then after each delay.
/// </summary>
public sealed class RunTerminationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData(0)]
    [InlineData(250)]
    [InlineData(500)]
    [InlineData(1000)]
    [InlineData(1500)]
    [InlineData(2000)]
    public async Task SIGTERM_during_start_up_exits_cleanly_with_a_one_line_reason(int delayAfterKeyMs)
    {
        if (OperatingSystem.IsWindows()) return; // SIGTERM is a POSIX signal; Windows has no equivalent to send.
        var dataDir = Path.Combine(Path.GetTempPath(), "hb-term-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var hb = StartHb(dataDir);
            var stdout = hb.StandardOutput.ReadToEndAsync();
            var stderr = hb.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(Deadline);
            await WaitForAsync(() => File.Exists(Path.Combine(dataDir, "hb-key.json")) || hb.HasExited, deadline.Token);
            if (hb.HasExited) Assert.Fail($"hb exited before its key file existed: {await stderr}");
            if (delayAfterKeyMs > 0) await Task.Delay(delayAfterKeyMs, deadline.Token);
            Terminate(hb.Id);
            var exited = hb.WaitForExitAsync();
            if (await Task.WhenAny(exited, Task.Delay(Deadline)) != exited)
            {
                hb.Kill(entireProcessTree: true);
                Assert.Fail($"hb did not exit within {Deadline.TotalSeconds:0} s of SIGTERM:\n{await stdout}{await stderr}");
            }

            var output = await stdout + await stderr;
            Assert.DoesNotContain("Unhandled", output);
            Assert.DoesNotContain("Exception", output);
            Assert.DoesNotContain("\n   at ", output);
            Assert.Equal(0, hb.ExitCode);
            var reasons = output.Split('\n').Where(line => line.StartsWith("hb: stopped", StringComparison.Ordinal)).ToList();
            Assert.True(reasons.Count == 1, $"expected one 'hb: stopped' line:\n{output}");
            Assert.Contains("SIGTERM", reasons[0]);
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
        var hbDll = Path.Combine(AppContext.BaseDirectory, "hb.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { hbDll, "run", "--host", "127.0.0.1", "--port", FreePort().ToString(), "--data-dir", dataDir })
            info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException("could not start hb");
    }

    // Sent with libc's kill(2) rather than a `kill` child process: starting a child while hb runs can stall here.
    private static void Terminate(int pid) => Assert.Equal(0, Kill(pid, Sigterm));

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static async Task WaitForAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition()) await Task.Delay(10, cancellationToken);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
