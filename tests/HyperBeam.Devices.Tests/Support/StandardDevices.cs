using HyperBeam.Core.Devices;
using HyperBeam.Devices.Relay;
using HyperBeam.Devices.Router;

namespace HyperBeam.Devices.Tests.Support;

/// <summary>
/// Registers relay@1.0 and router@1.0 for tests that resolve without a node (a node makes its devices from
/// HyperBeam.Hosting's <c>NodeDeviceTable</c>):
/// <code>
/// var client = RelayHttpClient.Create(relayOptions);             // once per node
/// var devices = DeviceRegistry.Preloaded.AddStandardDevices(client, new StandardDeviceOptions { Relay = relayOptions });
/// var resolver = new Resolver(devices, new ResolveOptions { Node = nodeMessage });
/// </code>
/// <c>relay@1.0</c> and <c>router@1.0</c> share one <see cref="RoutePlanner"/>, so routes added through the router
/// are the ones the relay follows.
/// </summary>
public static class StandardDevices
{
    public static DeviceRegistry AddStandardDevices(this DeviceRegistry registry, HttpClient client, StandardDeviceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(client);
        options ??= new StandardDeviceOptions();
        var planner = new RoutePlanner(options.Routes, options.Random);
        return registry.With(
            new RelayDevice(client, options.Relay, planner, options.Signer),
            new RouterDevice(planner));
    }
}
