using System.Collections;
using System.Globalization;
using System.Text;
using Akka.Configuration;
using Microsoft.Extensions.Configuration;

namespace HyperBeam.Hosting.Configuration;

/// <summary>
/// The layers above the HOCON files, each turned into HOCON so that one reader validates everything:
/// <c>appsettings.json</c> (its <c>HyperBeam</c> section), <c>HB_*</c> environment variables and command-line flags.
/// </summary>
public static class ConfigurationLayers
{
    /// <summary>The name of the appsettings.json section that mirrors <c>hyperbeam { }</c>.</summary>
    public const string SectionName = "HyperBeam";

    /// <summary>Variables that are not node options but say where to find things.</summary>
    private static readonly HashSet<string> NotOptions = ["HB_CONFIG", "HB_KEY"];

    /// <summary>
    /// <c>HB_*</c> variables as HOCON paths: after the prefix, <c>__</c> separates levels and <c>_</c> stands for
    /// <c>-</c>: <c>HB_DATA_DIR</c> → <c>hyperbeam.data-dir</c>, <c>HB_FEATURES__LUA</c> → <c>hyperbeam.features.lua</c>,
    /// <c>HB_LIMITS__MAX_BODY_SIZE</c> → <c>hyperbeam.limits.max-body-size</c>. Empty values are ignored.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FromEnvironment(IDictionary variables)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in variables)
        {
            if (entry.Key is not string name || !name.StartsWith("HB_", StringComparison.Ordinal) || NotOptions.Contains(name)) continue;
            if (entry.Value is not string { Length: > 0 } value) continue;
            var path = string.Join('.', name[3..].ToLowerInvariant().Split("__").Select(part => part.Replace('_', '-')));
            result["hyperbeam." + path] = value;
        }
        return result;
    }

    /// <summary>
    /// The <c>HyperBeam</c> section of an app's configuration as a HOCON <c>hyperbeam { }</c> block: numbered keys
    /// become lists, values stay strings (the reader converts and validates them), empty values are left out.
    /// </summary>
    public static Config? FromAppSettings(IConfiguration? configuration)
    {
        var section = configuration?.GetSection(SectionName);
        if (section is null || !section.GetChildren().Any()) return null;
        var hocon = new StringBuilder("hyperbeam ");
        Write(section, hocon);
        try
        {
            return ConfigurationFactory.ParseString(hocon.ToString());
        }
        catch (Exception e) when (e is ConfigurationException or FormatException)
        {
            throw new NodeConfigurationException($"the '{SectionName}' section of the app's settings cannot be read: {e.Message}");
        }
    }

    private static void Write(IConfigurationSection section, StringBuilder hocon)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            hocon.Append(Quote(section.Value ?? ""));
            return;
        }
        var isList = children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        if (isList)
        {
            hocon.Append('[');
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
            {
                Write(child, hocon);
                hocon.Append(", ");
            }
            hocon.Append(']');
            return;
        }
        hocon.Append("{\n");
        // An empty value sets nothing at this layer (a command line can drop a key an appsettings list item has).
        foreach (var child in children.Where(c => c.Value is not "" || c.GetChildren().Any()))
        {
            hocon.Append(Quote(child.Key)).Append(" = ");
            Write(child, hocon);
            hocon.Append('\n');
        }
        hocon.Append('}');
    }

    internal static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
