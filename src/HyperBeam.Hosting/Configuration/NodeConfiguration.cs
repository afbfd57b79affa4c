using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;
using HyperBeam.Core.Messages;
using HyperBeam.Hosting.Node;
using HyperBeam.Http;

namespace HyperBeam.Hosting.Configuration;

/// <summary>
/// Layered node configuration: the embedded <c>hocon/node.hocon</c> defaults &lt; a HOCON file (<c>--config</c> /
/// <c>HB_CONFIG</c>) &lt; <c>appsettings.json</c> (section <c>HyperBeam</c>) &lt; <c>HB_*</c> environment variables &lt;
/// command-line flags (see hocon/README.md). The <c>hyperbeam</c> section
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
    public static NodeOptions Load(string? configFile, IReadOnlyDictionary<string, string> overrides, string? keyFile = null, string? host = null) =>
        Load(configFile, appSettings: null, overrides, keyFile, host);

    /// <summary>
    /// As <see cref="Load(string?, IReadOnlyDictionary{string, string}, string?, string?)"/>, with an app's settings
    /// (<see cref="ConfigurationLayers.FromAppSettings"/>) between the HOCON file and <paramref name="overrides"/>.
    /// </summary>
    public static NodeOptions Load(string? configFile, Config? appSettings, IReadOnlyDictionary<string, string> overrides, string? keyFile = null, string? host = null) =>
        FromConfig(Layer(configFile, appSettings, overrides), keyFile, host);

    /// <summary>The merged HOCON of all layers, before validation.</summary>
    public static Config Layer(string? configFile, Config? appSettings, IReadOnlyDictionary<string, string> overrides)
    {
        var config = Defaults;
        if (configFile is not null)
        {
            if (!File.Exists(configFile)) throw new NodeConfigurationException($"the config file '{configFile}' does not exist");
            var text = File.ReadAllText(configFile);
            HoconSyntax.Check(text, $"the config file '{configFile}'");
            try
            {
                config = ConfigurationFactory.ParseString(text).WithFallback(config);
            }
            catch (Exception e) when (e is ConfigurationException or FormatException)
            {
                throw new NodeConfigurationException($"the config file '{configFile}' is not valid HOCON: {e.Message}");
            }
        }
        if (appSettings is not null) config = appSettings.WithFallback(config);
        foreach (var (path, value) in overrides)
            config = ConfigurationFactory.ParseString($"{path} = {Quote(value)}").WithFallback(config);
        return config;
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
            MaxKeys = ReadInt(section, "limits.max-keys", 1, 10_000_000),
        };
        var features = FeatureConfiguration.Read(section);
        var listenHost = host ?? section.GetString("host", "0.0.0.0");
        if (!System.Net.IPAddress.TryParse(listenHost, out _))
            throw new NodeConfigurationException($"hyperbeam.host = '{listenHost}' is not allowed: it must be an IP address (e.g. 0.0.0.0 or 127.0.0.1)");
        var hashpath = section.GetString("hashpath", "update");
        if (hashpath is not ("update" or "ignore"))
            throw new NodeConfigurationException($"hyperbeam.hashpath = '{hashpath}' is not allowed: it must be update or ignore");
        var defaultPage = section.GetString("default-page", "/~hyperbuddy@1.0/index");
        if (!defaultPage.StartsWith('/'))
            throw new NodeConfigurationException($"hyperbeam.default-page = '{defaultPage}' is not allowed: it must be a path starting with /");
        return new NodeOptions
        {
            Features = features,
            PreloadedDevices = PreloadedDevicesConfiguration.Read(section),
            Host = listenHost,
            Port = port,
            Http2Port = section.HasPath("http2-port") ? ReadInt(section, "http2-port", 0, 65535) : null,
            DataDir = section.GetString("data-dir", "./hb-data"),
            Stores = StoreConfiguration.Read(section),
            KeyFile = keyFile,
            Limits = limits,
            NodeMessage = ToMessage(section.Root),
            AkkaConfig = config,
            DefaultPage = defaultPage,
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

    private static string Quote(string value) => ConfigurationLayers.Quote(value);

    private static string ReadDefaults()
    {
        using var stream = typeof(NodeConfiguration).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
