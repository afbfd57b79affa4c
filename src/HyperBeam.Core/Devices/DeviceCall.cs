namespace HyperBeam.Core.Devices;

/// <summary>The function chosen to resolve a key, and the device it belongs to (possibly the <c>message@1.0</c> fallback).</summary>
public readonly record struct DeviceCall(Device Device, DeviceFunction Function);
