using System.Net;
using Akka.Configuration;
using HyperBeam.Core.Devices;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Devices;
using HyperBeam.Hosting.Node;
using HyperBeam.Hosting.Testing;
using HyperBeam.Hosting.Tests.Support;
using HyperBeam.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace HyperBeam.Hosting.Tests.Configuration;

public class PreloadedDevicesTests
{
    [Fact]
    public void An_unknown_preloaded_device_stops_start_up_naming_the_key_the_value_and_what_is_allowed()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => Load("hyperbeam.preloaded-devices = [\"message@1.0\", \"nonsense@1.0\"]"));
        Assert.Contains("hyperbeam.preloaded-devices", error.Message);
        Assert.Contains("nonsense@1.0", error.Message);
        Assert.Contains("meta@1.0", error.Message);
    }

    [Fact]
    public async Task A_device_left_out_of_preloaded_devices_is_not_loaded()
    {
        var options = Load("hyperbeam.preloaded-devices = [\"message@1.0\", \"meta@1.0\"]");
        await using var node = await TestNode.StartAsync(o => options with { Host = o.Host, Port = o.Port, DataDir = o.DataDir, KeyFile = o.KeyFile });

        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/~meta@1.0/info")).StatusCode);
        var lookup = await node.Client.GetAsync("/~lookup@1.0/read?target=x");
        Assert.Equal(HttpStatusCode.BadRequest, lookup.StatusCode);
        Assert.Contains("unknown device", await lookup.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_default_list_names_every_device_the_node_ships()
    {
        var options = NodeConfiguration.FromConfig(NodeConfiguration.Defaults);
        Assert.Equal(NodeDeviceTable.Names.Order(StringComparer.Ordinal), options.PreloadedDevices!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_list_without_message_device_stops_start_up()
    {
        var error = Assert.Throws<NodeConfigurationException>(() => Load("hyperbeam.preloaded-devices = [\"meta@1.0\"]"));
        Assert.Contains("message@1.0", error.Message);
    }

    [Fact]
    public void A_single_name_instead_of_a_list_stops_start_up() =>
        Assert.Contains("list of device names", Assert.Throws<NodeConfigurationException>(
            () => NodeConfiguration.Load(null, new Dictionary<string, string> { ["hyperbeam.preloaded-devices"] = "meta@1.0" })).Message);

    [Fact]
    public void A_device_whose_feature_flag_is_off_is_not_loaded_even_when_listed()
    {
        var options = new NodeOptions { Features = new NodeFeatures { Lua = false } };
        var loaded = NodeDeviceTable.Loaded(DeviceSupplier.Processes, options).Select(e => e.Name).ToList();
        Assert.DoesNotContain("lua@5.3a", loaded);
        Assert.Contains("wasm-64@1.0", loaded);
    }

    [Fact]
    public void The_stack_transformer_comes_with_stack_device()
    {
        var options = new NodeOptions { PreloadedDevices = new HashSet<string> { "message@1.0", "stack@1.0" } };
        Assert.Equal(["message@1.0", "stack@1.0", "stack-transformer@1.0"], NodeDeviceTable.Loaded(DeviceSupplier.Node, options).Select(e => e.Name));
    }

    [Fact]
    public async Task A_node_loads_every_device_of_the_table_each_under_its_own_name()
    {
        await using var node = await TestNode.StartAsync();
        var devices = node.Node.Services.GetRequiredService<NodeCore>().Resolver.Devices;
        foreach (var entry in NodeDeviceTable.Entries)
        {
            Assert.True(devices.TryGet(entry.Name, out var device), entry.Name);
            Assert.Equal(entry.Name, device.Name);
        }
    }

    [Fact]
    public async Task An_apps_own_device_loads_whatever_preloaded_devices_lists()
    {
        await using var node = await HyperBeamTestNode.StartAsync(o => o
            .Configure(n => n with { PreloadedDevices = new HashSet<string> { "message@1.0" } })
            .AddDevice(new GreetingDevice()));

        Assert.Equal("Hello, app!", await node.Http.GetStringAsync("/~greeting@1.0/hello?name=app"));
        Assert.Equal(HttpStatusCode.BadRequest, (await node.Http.GetAsync("/~meta@1.0/info")).StatusCode);
    }

    private static NodeOptions Load(string hocon) =>
        NodeConfiguration.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(NodeConfiguration.Defaults), host: "127.0.0.1");
}
