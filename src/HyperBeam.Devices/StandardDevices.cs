using HyperBeam.Core.Devices;
using HyperBeam.Devices.Relay;
using HyperBeam.Devices.Router;

namespace HyperBeam.Devices;

/// <summary>
/// Registers this project's devices so a node can preload them:
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
