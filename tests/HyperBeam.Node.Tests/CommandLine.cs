using System.CommandLine;

namespace HyperBeam.Node.Tests;

/// <summary>Runs an <c>hb</c> command in-process and captures what it prints.</summary>
public static class CommandLine
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Command command, params string[] args)
    {
        var root = new RootCommand { command };
        var output = new StringWriter();
        var error = new StringWriter();
        var config = new InvocationConfiguration { Output = output, Error = error };
        var exit = await root.Parse(args).InvokeAsync(config);
        return (exit, output.ToString(), error.ToString());
    }
}
