using System.CommandLine;
using System.Reflection;

namespace HyperBeam.Node;

/// <summary><c>hb version</c>: prints <c>hb &lt;version&gt;</c> (the same text as <c>hb --version</c>, with the name).</summary>
public static class VersionCommand
{
    /// <summary>The assembly's informational version, e.g. <c>0.1.0+&lt;commit&gt;</c>.</summary>
    public static string Version { get; } =
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionCommand).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>The line every command that reports the version prints.</summary>
    public static string Line => $"hb {Version}";

    public static Command Create()
    {
        var command = new Command("version", "Print the version of hb");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Line);
            return 0;
        });
        return command;
    }
}
