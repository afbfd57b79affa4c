using HyperBeam.Core.Devices;

namespace HyperBeam.Hosting.Node;

/// <summary>A module that only adds devices, made from the started node (its cache, store, actors).</summary>
public sealed class DeviceModule(Func<NodeContext, IEnumerable<Device>> devices) : INodeModule
{
    public DeviceModule(params Device[] devices) : this(_ => devices)
    {
    }

    public DeviceRegistry ConfigureDevices(DeviceRegistry registry, NodeContext node) => registry.With([.. devices(node)]);
}
