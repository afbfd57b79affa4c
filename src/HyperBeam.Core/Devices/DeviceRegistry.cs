using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Resolution;

namespace HyperBeam.Core.Devices;

/// <summary>
/// The devices a resolver can run, by name, and the two lookups the resolver makes per step: which device a message
/// names, and which of its functions answers a key. Immutable; extend with <see cref="With"/>. A node fills it from
/// HyperBeam.Hosting's <c>NodeDeviceTable</c> (HyperBEAM's <c>preloaded_devices</c>); <see cref="Preloaded"/> is the
/// minimum for resolving without a node.
/// </summary>
public sealed class DeviceRegistry
{
    private readonly FrozenDictionary<string, Device> _devices;
    private readonly Device _message;

    /// <summary>The built-in devices: <c>message@1.0</c>, <c>stack@1.0</c> and its transformer.</summary>
    public static DeviceRegistry Preloaded { get; } =
        new([new MessageDevice(), new StackDevice(), new StackTransformerDevice()]);

    public DeviceRegistry(IEnumerable<Device> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var byName = new Dictionary<string, Device>(StringComparer.OrdinalIgnoreCase);
        foreach (var device in devices) byName[device.Name] = device;
        // Every message without a device, and every key a device leaves alone, lands here: it must exist.
        if (!byName.ContainsKey(MessageDevice.DeviceName)) byName[MessageDevice.DeviceName] = new MessageDevice();
        _devices = byName.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _message = _devices[MessageDevice.DeviceName];
    }

    public IEnumerable<Device> Devices => _devices.Values;

    /// <summary>The device for messages that name none, and the fallback for unanswered keys.</summary>
    public Device Default => _message;

    /// <summary>A registry with <paramref name="devices"/> added, replacing any of the same name.</summary>
    public DeviceRegistry With(params Device[] devices) => new(_devices.Values.Concat(devices));

    public bool TryGet(string name, [MaybeNullWhen(false)] out Device device) => _devices.TryGetValue(name, out device);

    /// <summary>The device <paramref name="base"/> names in its <c>device</c> key (HyperBEAM's <c>message_to_device</c>).</summary>
    public bool TryLoad(Message @base, [MaybeNullWhen(false)] out Device device, out ResolveResult error)
    {
        error = default;
        switch (@base.Get("device"))
        {
            case null:
                device = _message;
                return true;
            case AoBinary name when _devices.TryGetValue(name.Text, out device):
                return true;
            case AoBinary name when MessageKeys.IsIdShaped(name.Text):
                device = null;
                error = ResolveResult.Error(
                    $"device {name.Text} is not loadable: loading remote devices is disabled", ResolveErrorCodes.DeviceNotLoadable);
                return false;
            case AoBinary name:
                device = null;
                error = ResolveResult.Error($"unknown device '{name.Text}'", ResolveErrorCodes.UnknownDevice);
                return false;
            case var other:
                device = null;
                error = ResolveResult.Error(
                    $"the device key must name a device (name@version), not hold a {other.TypeName}", ResolveErrorCodes.UnknownDevice);
                return false;
        }
    }

    /// <summary>
    /// The function that answers <paramref name="key"/> (HyperBEAM's <c>message_to_fun</c>): for an exported key the
    /// device's handler, else its function for the key, else its default; otherwise <c>message@1.0</c>'s.
    /// </summary>
    public DeviceCall FindFunction(Device device, Message @base, string key)
    {
        var info = device.InfoFor(@base);
        if (info.IsExported(key))
        {
            if (info.Handler is { } handler) return new DeviceCall(device, handler);
            if (device.TryGetFunction(key, out var function)) return new DeviceCall(device, function);
            if (info.Default is { } fallback) return new DeviceCall(device, fallback);
        }
        if (!ReferenceEquals(device, _message)) return FindFunction(_message, @base, key);
        // Only reachable when a replacement message@1.0 has no default; answer "not found" rather than loop.
        return new DeviceCall(_message, static (_, _, ctx) => ValueTask.FromResult(ResolveResult.NotFound(ctx.Key)));
    }
}
