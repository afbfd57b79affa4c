using HyperBeam.Core.Devices;
using HyperBeam.Hosting.Node;

namespace HyperBeam.Hosting.Devices;

/// <summary>One row of <see cref="NodeDeviceTable"/>.</summary>
/// <param name="Name">The device's name, as messages and <c>hyperbeam.preloaded-devices</c> spell it.</param>
/// <param name="Supplier">Which part of the node makes it (processes devices need the processes module's actors).</param>
/// <param name="Create">Makes the node's instance of the device.</param>
public sealed record DeviceEntry(string Name, DeviceSupplier Supplier, Func<DeviceSources, Device> Create)
{
    /// <summary>The feature flag the device needs; null when it needs none.</summary>
    public Func<NodeFeatures, bool>? Feature { get; init; }

    /// <summary>A helper device loaded whenever the named device is, and never named on its own.</summary>
    public string? LoadedWith { get; init; }

    /// <summary>For execution devices: makes a compute worker's own instance (one VM per process).</summary>
    public Func<Device>? PerWorker { get; init; }
}

/// <summary>Which part of the node makes a device in <see cref="NodeDeviceTable"/>.</summary>
public enum DeviceSupplier
{
    /// <summary>The node itself, when its actor system has started.</summary>
    Node,

    /// <summary>The processes module, which owns the process gateway and the cron scheduler these devices reach.</summary>
    Processes,
}
