using System.ComponentModel;
using System.Diagnostics;

namespace HyperBeam.Hosting.Tests.Dashboard;

/// <summary>
/// Runs a program to completion with a deadline: stdin written and closed, stdout and stderr read concurrently, the
/// process tree killed on timeout. A non-zero exit throws with the command and the child's stderr.
/// </summary>
public static class ChildProcess
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, string? stdin, TimeSpan timeout)
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
        info.Environment["npm_config_update_notifier"] = "false";
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        var command = $"{fileName} {string.Join(' ', info.ArgumentList)}";

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start '{fileName}' ({e.Message})", e);
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
            // The child quit before reading its input; its exit code and stderr say why.
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
            throw new TimeoutException($"'{command}' did not finish within {timeout.TotalSeconds:0} s. stderr:\n{await stderr}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}. stderr:\n{await stderr}\nstdout:\n{await stdout}");
        return await stdout;
    }
}
