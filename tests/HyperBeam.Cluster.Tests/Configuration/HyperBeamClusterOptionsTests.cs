using Akka.Configuration;
using HyperBeam.Cluster.Configuration;

namespace HyperBeam.Cluster.Tests.Configuration;

public sealed class HyperBeamClusterOptionsTests
{
    [Fact]
    public void Defaults_come_from_cluster_hocon()
    {
        var options = HyperBeamClusterOptions.FromConfig(Config.Empty);
        Assert.Equal("hyperbeam", options.SystemName);
        Assert.Equal(4053, options.Port);
        Assert.Empty(options.Seeds);
        Assert.Equal(TimeSpan.FromSeconds(30), options.JoinTimeout);
        Assert.Equal(2, options.Store.Replicas);
        Assert.False(HyperBeamClusterOptions.IsEnabledIn(Config.Empty));
    }

    [Fact]
    public void Seeds_read_as_a_list_or_a_comma_separated_string_and_host_port_is_short_for_an_address()
    {
        var list = HyperBeamClusterOptions.FromConfig(ConfigurationFactory.ParseString("""hyperbeam.cluster.seeds = ["10.0.0.1:4053", "akka.tcp://hyperbeam@h:4054"]"""));
        var text = HyperBeamClusterOptions.FromConfig(ConfigurationFactory.ParseString("""hyperbeam.cluster.seeds = "10.0.0.1:4053,akka.tcp://hyperbeam@h:4054" """));
        string[] expected = ["akka.tcp://hyperbeam@10.0.0.1:4053", "akka.tcp://hyperbeam@h:4054"];
        Assert.Equal(expected, list.Seeds);
        Assert.Equal(expected, text.Seeds);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        var env = new Dictionary<string, string?> { [HyperBeamClusterOptions.SeedsEnv] = "127.0.0.1:5001, 127.0.0.1:5002", [HyperBeamClusterOptions.PortEnv] = "5003" };
        var options = HyperBeamClusterOptions.FromConfig(Config.Empty).WithEnvironment(name => env.GetValueOrDefault(name));
        Assert.Equal(["akka.tcp://hyperbeam@127.0.0.1:5001", "akka.tcp://hyperbeam@127.0.0.1:5002"], options.Seeds.ToArray());
        Assert.Equal(5003, options.Port);
        Assert.Equal("akka.tcp://hyperbeam@127.0.0.1:5003", options.SelfAddress);
    }

    [Theory]
    [InlineData("hyperbeam.cluster.port = 70000", "hyperbeam.cluster.port")]
    [InlineData("hyperbeam.cluster.seeds = [\"no-port\"]", "seed")]
    [InlineData("hyperbeam.cluster.store.replicas = 0", "hyperbeam.cluster.store.replicas")]
    public void Bad_values_are_refused_naming_the_setting(string hocon, string option)
    {
        var e = Assert.Throws<ClusterOptionsException>(() => HyperBeamClusterOptions.FromConfig(ConfigurationFactory.ParseString(hocon)));
        Assert.Equal(option, e.Option);
    }
}
