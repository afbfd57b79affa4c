using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using HyperBeam.Core.Messages;

namespace HyperBeam.Http.Hosting;

/// <summary>
/// Layered node configuration: the embedded <c>hocon/node.hocon</c> defaults &lt; a HOCON file (<c>--config</c> /
/// <c>HB_CONFIG</c>) &lt; <c>HB_*</c> environment variables &lt; command-line flags. The <c>hyperbeam</c> section
/// becomes the AO node message (keys in HyperBEAM's snake_case); the <c>akka</c> section configures the actor system.
/// </summary>
public static class NodeConfiguration
{
    private const string ResourceName = "HyperBeam.node.hocon";

    /// <summary>The embedded defaults.</summary>
    public static Config Defaults { get; } = ConfigurationFactory.ParseString(ReadDefaults());

    /// <summary>
    /// Builds the options from the layers. <paramref name="overrides"/> holds HOCON paths (e.g. <c>hyperbeam.port</c>)
    /// set by flags or environment variables. Invalid values throw <see cref="NodeConfigurationException"/> naming
    /// the key, the value and what is allowed.
    /// </summary>
    public static NodeOptions Load(string? configFile, IReadOnlyDictionary<string, string> overrides, string? keyFile = null, string? host = null)
    {
        var config = Defaults;
        if (configFile is not null)
        {
            if (!File.Exists(configFile)) throw new NodeConfigurationException($"the config file '{configFile}' does not exist");
            try
            {
                config = ConfigurationFactory.ParseString(File.ReadAllText(configFile)).WithFallback(config);
            }
            catch (Exception e) when (e is ConfigurationException or FormatException)
            {
                throw new NodeConfigurationException($"the config file '{configFile}' is not valid HOCON: {e.Message}");
            }
        }
        foreach (var (path, value) in overrides)
            config = ConfigurationFactory.ParseString($"{path} = {Quote(value)}").WithFallback(config);
        return FromConfig(config, keyFile, host);
    }

    public static NodeOptions FromConfig(Config config, string? keyFile = null, string? host = null)
    {
        var section = config.GetConfig("hyperbeam") ?? throw new NodeConfigurationException("the configuration has no 'hyperbeam' section");
        var port = ReadInt(section, "port", 0, 65535);
        var limits = new HttpLimits
        {
            MaxBodyBytes = ReadBytes(section, "limits.max-body-size", 1, long.MaxValue),
            MaxSegmentBytes = (int)ReadBytes(section, "limits.max-path-segment", 1, 64 * 1024),
            MaxNestingDepth = ReadInt(section, "limits.max-nesting-depth", 1, 10_000),
        };
        return new NodeOptions
        {
            Host = host ?? section.GetString("host", "0.0.0.0"),
            Port = port,
            Http2Port = section.HasPath("http2-port") ? ReadInt(section, "http2-port", 0, 65535) : null,
            DataDir = section.GetString("data-dir", "./hb-data"),
            Stores = StoreConfiguration.Read(section),
            KeyFile = keyFile,
            Limits = limits,
            NodeMessage = ToMessage(section.Root),
            AkkaConfig = config,
            DefaultPage = section.GetString("default-page", "/~meta@1.0/info"),
        };
    }

    /// <summary>A HOCON object as an AO message: numbers become integers or floats, on/off/true/false booleans.</summary>
    public static Message ToMessage(HoconValue value)
    {
        var builder = new MessageBuilder();
        foreach (var (key, child) in value.GetObject().Items)
            builder.Set(key.Replace('-', '_'), ToValue(child));
        return builder.Build();
    }

    private static AoValue ToValue(HoconValue value)
    {
        if (value.IsObject()) return ToMessage(value);
        if (value.IsArray()) return new AoList(value.GetArray().Select(ToValue));
        // An empty HOCON list is neither an array nor a string to Akka's parser: it has no elements at all.
        if (value.GetString() is not { } text) return AoList.Empty;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return integer;
        if (text.Contains('.') && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return real;
        return text switch
        {
            "true" or "on" or "yes" => AoAtom.True,
            "false" or "off" or "no" => AoAtom.False,
            _ => text,
        };
    }

    private static int ReadInt(Config section, string path, int min, int max)
    {
        var text = section.GetString(path);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new NodeConfigurationException($"hyperbeam.{path} = '{text}' is not allowed: it must be a whole number from {min} to {max}");
    }

    private static long ReadBytes(Config section, string path, long min, long max)
    {
        long? value;
        try
        {
            value = section.GetByteSize(path);
        }
        catch (Exception e) when (e is FormatException or ConfigurationException or OverflowException)
        {
            value = null;
        }
        if (value is { } v && v >= min && v <= max) return v;
        throw new NodeConfigurationException(
            $"hyperbeam.{path} = '{section.GetString(path)}' is not allowed: it must be a size from {min} to {max} bytes (e.g. 512 B, 16 MiB)");
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static string ReadDefaults()
    {
        using var stream = typeof(NodeConfiguration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
