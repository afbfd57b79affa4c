using System.ComponentModel;
using System.Diagnostics;

namespace HyperBeam.Tests.Shared;

/// <summary>
/// Runs a program to completion with a deadline: stdin is written and closed, stdout and stderr are read
/// concurrently (so neither pipe can fill and stall the child), and on timeout the whole process tree is killed.
/// Failures throw with the command, the exit code and the child's stderr. One source file, linked into each test
/// project that drives npm, node or apt-get.
/// </summary>
public static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, string? stdin, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // Keep npm quiet and offline-friendly where it can be: no update check, no funding or audit chatter; apt-get
        // must never stop to ask.
        info.Environment["npm_config_update_notifier"] = "false";
        info.Environment["npm_config_fund"] = "false";
        info.Environment["npm_config_audit"] = "false";
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        var command = $"{fileName} {string.Join(' ', info.ArgumentList)}";

        using var process = new Process { StartInfo = info };
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"cannot start '{fileName}' ({e.Message}); these tests need Node.js 20+ and npm on PATH (and apt-get for a missing browser)", e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child quit before reading its input; its exit code and stderr below say why.
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:0} s and was killed. stderr:\n{await stderr}");
        }

        var result = new ChildProcessResult(process.ExitCode, await stdout, await stderr, clock.Elapsed);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' in {workingDirectory} exited with {result.ExitCode}. stderr:\n{result.Stderr}");
        return result;
    }
}
