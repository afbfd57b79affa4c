using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace HyperBeam.Node;

/// <summary>
/// <c>hb run [--port 8734] [--data-dir ./hb-data]</c>: starts a node. Precedence: flag &gt; HB_* env var &gt; default.
/// For now it only reports the options it would start with; the HTTP node arrives with the HTTP issue.
/// </summary>
public static class RunCommand
{
    public const int DefaultPort = 8734;
    public const string DefaultDataDir = "./hb-data";
    public const string PortEnv = "HB_PORT";
    public const string DataDirEnv = "HB_DATA_DIR";

    public static Command Create()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = $"HTTP port to listen on (env {PortEnv}, default {DefaultPort})",
            CustomParser = result => ParsePort(result.Tokens[0].Value, "--port", result),
            DefaultValueFactory = result => NonEmptyEnv(PortEnv) is { } text ? ParsePort(text, PortEnv, result) : DefaultPort,
        };

        var dataDir = new Option<string>("--data-dir", "-d")
        {
            Description = $"Directory for the node's store (env {DataDirEnv}, default {DefaultDataDir})",
            DefaultValueFactory = _ => NonEmptyEnv(DataDirEnv) ?? DefaultDataDir,
        };

        var command = new Command("run", "Start a node");
        command.Options.Add(port);
        command.Options.Add(dataDir);
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(VersionCommand.Line);
            output.WriteLine($"node options: port={parseResult.GetValue(port)}, data-dir={parseResult.GetValue(dataDir)}");
            output.WriteLine("The HTTP node arrives with the HTTP issue; nothing is started yet.");
            return 0;
        });
        return command;
    }

    private static int ParsePort(string text, string source, ArgumentResult result)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 65535)
            return value;
        result.AddError($"{source} must be a port number between 1 and 65535, got '{text}'.");
        return DefaultPort;
    }

    private static string? NonEmptyEnv(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
