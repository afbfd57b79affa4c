using Akka.Configuration;
using HyperBeam.Core.Messages;
using HyperBeam.Hosting.Configuration;

namespace HyperBeam.Hosting.Tests.Configuration;

public class NodeConfigurationTests
{
    [Fact]
    public void The_embedded_defaults_give_port_8734_and_a_node_message_in_snake_case()
    {
        var options = NodeConfiguration.FromConfig(NodeConfiguration.Defaults);
        Assert.Equal(8734, options.Port);
        Assert.Equal(new AoInteger(8734), options.NodeMessage.Get("port"));
        Assert.Equal(AoList.Empty, options.NodeMessage.Get("cache_writers"));
        Assert.NotNull(options.NodeMessage.Get("preloaded_devices"));
    }

    [Fact]
    public void Overrides_win_over_a_config_file_which_wins_over_the_defaults()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "hyperbeam { port = 9100, data-dir = \"/tmp/from-file\", motd = \"hi\" }");
            var options = NodeConfiguration.Load(file, new Dictionary<string, string> { ["hyperbeam.port"] = "9200" });
            Assert.Equal(9200, options.Port);
            Assert.Equal("/tmp/from-file", options.DataDir);
            Assert.Equal("hi", options.NodeMessage.GetText("motd"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("hyperbeam.port", "70000", "hyperbeam.port = '70000'")]
    [InlineData("hyperbeam.port", "eighty", "whole number")]
    [InlineData("hyperbeam.limits.max-body-size", "lots", "hyperbeam.limits.max-body-size")]
    public void An_invalid_value_names_the_key_the_value_and_what_is_allowed(string key, string value, string expected)
    {
        var error = Assert.Throws<NodeConfigurationException>(() => NodeConfiguration.Load(null, new Dictionary<string, string> { [key] = value }));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_config_file_is_a_clear_error() =>
        Assert.Contains("does not exist", Assert.Throws<NodeConfigurationException>(
            () => NodeConfiguration.Load("/no/such/file.hocon", new Dictionary<string, string>())).Message);

    [Fact]
    public void Akka_settings_travel_with_the_options()
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = DEBUG").WithFallback(NodeConfiguration.Defaults);
        Assert.Equal("DEBUG", NodeConfiguration.FromConfig(config).AkkaConfig!.GetString("akka.loglevel"));
    }
}
