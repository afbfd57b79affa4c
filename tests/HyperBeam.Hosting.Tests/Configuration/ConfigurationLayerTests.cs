using HyperBeam.Core.Messages;
using HyperBeam.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace HyperBeam.Hosting.Tests.Configuration;

public sealed class ConfigurationLayerTests
{
    private static IConfiguration AppSettings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Appsettings_override_the_hocon_defaults_and_show_in_the_node_message()
    {
        var options = new HyperBeamOptions { UseEnvironment = false, Configuration = AppSettings(("HyperBeam:port", "9001"), ("HyperBeam:features:lua", "off")) }.Build();

        Assert.Equal(9001, options.Port);
        Assert.False(options.Features.Lua);
        Assert.True(options.Features.Metrics);
        var features = options.NodeMessage.GetMessage("features")!;
        Assert.Equal(AoAtom.False, features.Get("lua"));
        Assert.Equal(AoAtom.True, features.Get("metrics"));
    }

    [Fact]
    public void Appsettings_lists_become_hocon_lists()
    {
        var options = new HyperBeamOptions
        {
            UseEnvironment = false,
            Configuration = AppSettings(("HyperBeam:store:0:type", "memory"), ("HyperBeam:store:1:type", "fs"), ("HyperBeam:store:1:path", "files")),
        }.Build();

        Assert.Equal(["memory", "fs"], options.Stores.Select(s => s.Type));
        Assert.Equal("files", options.Stores[1].Path);
    }

    [Fact]
    public void Environment_variables_map_double_underscores_to_levels_and_underscores_to_dashes()
    {
        var env = new Dictionary<string, string>
        {
            ["HB_PORT"] = "9100",
            ["HB_DATA_DIR"] = "/tmp/x",
            ["HB_FEATURES__METRICS"] = "off",
            ["HB_LIMITS__MAX_BODY_SIZE"] = "1 MiB",
            ["HB_KEY"] = "not-an-option.json",
            ["HB_EMPTY"] = "",
            ["PATH"] = "/bin",
        };

        var paths = ConfigurationLayers.FromEnvironment(env);

        Assert.Equal(new Dictionary<string, string>
        {
            ["hyperbeam.port"] = "9100",
            ["hyperbeam.data-dir"] = "/tmp/x",
            ["hyperbeam.features.metrics"] = "off",
            ["hyperbeam.limits.max-body-size"] = "1 MiB",
        }, paths);
    }

    [Fact]
    public void Later_layers_win_hocon_then_appsettings_then_environment_then_explicit_settings()
    {
        var appsettings = ConfigurationLayers.FromAppSettings(AppSettings(("HyperBeam:port", "9001"), ("HyperBeam:data-dir", "from-appsettings"),
            ("HyperBeam:default-page", "/from-appsettings")));
        var overrides = new Dictionary<string, string> { ["hyperbeam.port"] = "9002", ["hyperbeam.data-dir"] = "from-env" };

        var options = NodeConfiguration.Load(configFile: null, appsettings, overrides);

        Assert.Equal(9002, options.Port);
        Assert.Equal("from-env", options.DataDir);
        Assert.Equal("/from-appsettings", options.DefaultPage);
        Assert.Equal("rocksdb", options.Stores[0].Type);
    }

    [Theory]
    [InlineData("hyperbeam.features.lua", "maybe", "hyperbeam.features.lua = 'maybe' is not allowed: it must be on or off")]
    [InlineData("hyperbeam.features.teleport", "on", "hyperbeam.features.teleport = 'on' is not allowed: the feature flags are http2, lua, wasm, cluster, metrics, tracing, dashboard")]
    [InlineData("hyperbeam.port", "99999", "hyperbeam.port = '99999' is not allowed: it must be a whole number from 0 to 65535")]
    [InlineData("hyperbeam.host", "example.org", "hyperbeam.host = 'example.org' is not allowed: it must be an IP address")]
    [InlineData("hyperbeam.hashpath", "sometimes", "hyperbeam.hashpath = 'sometimes' is not allowed: it must be update or ignore")]
    [InlineData("hyperbeam.default-page", "dashboard", "hyperbeam.default-page = 'dashboard' is not allowed: it must be a path starting with /")]
    public void Invalid_settings_stop_start_up_naming_the_key_the_value_and_what_is_allowed(string path, string value, string message)
    {
        var builder = new HyperBeamOptions { UseEnvironment = false }.Set(path, value);

        var error = Assert.Throws<NodeConfigurationException>(builder.Build);

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Explicit_configure_edits_come_last()
    {
        var options = new HyperBeamOptions { UseEnvironment = false }.Set("hyperbeam.port", "9003").Configure(o => o with { Port = 9004 }).Build();

        Assert.Equal(9004, options.Port);
    }
}
