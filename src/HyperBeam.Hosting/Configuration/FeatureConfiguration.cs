using Akka.Configuration;
using HyperBeam.Hosting.Node;

namespace HyperBeam.Hosting.Configuration;

/// <summary>Reads <c>hyperbeam.features</c>: known flag names only, each on or off.</summary>
internal static class FeatureConfiguration
{
    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.OrdinalIgnoreCase)
    {
        ["on"] = true, ["true"] = true, ["yes"] = true, ["off"] = false, ["false"] = false, ["no"] = false,
    };

    public static NodeFeatures Read(Config section)
    {
        var features = new NodeFeatures();
        if (!section.HasPath("features")) return features;
        var value = section.GetValue("features");
        if (!value.IsObject())
            throw new NodeConfigurationException($"hyperbeam.features = '{value}' is not allowed: it must be an object of flags, e.g. {{ lua = on }}");
        foreach (var (name, flag) in value.GetObject().Items)
        {
            if (!NodeFeatures.Names.Contains(name))
                throw new NodeConfigurationException(
                    $"hyperbeam.features.{name} = '{flag}' is not allowed: the feature flags are {string.Join(", ", NodeFeatures.Names)}");
            var text = flag.IsString() ? flag.GetString() : flag.ToString();
            if (text is null || !Booleans.TryGetValue(text, out var on))
                throw new NodeConfigurationException($"hyperbeam.features.{name} = '{text}' is not allowed: it must be on or off");
            features = name switch
            {
                "http2" => features with { Http2 = on },
                "lua" => features with { Lua = on },
                "wasm" => features with { Wasm = on },
                "cluster" => features with { Cluster = on },
                "metrics" => features with { Metrics = on },
                "tracing" => features with { Tracing = on },
                _ => features with { Dashboard = on },
            };
        }
        return features;
    }
}
