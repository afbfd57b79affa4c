using System.Diagnostics.CodeAnalysis;
using HyperBeam.Core.Messages;

namespace HyperBeam.Core.Devices;

/// <summary>
/// A device: a named (<c>name@version</c>) set of key functions plus its <see cref="DeviceInfo"/>.
/// Subclasses register their keys in the constructor with <see cref="Map"/>; ad-hoc devices (tests, embedding)
/// use <see cref="Create"/>. Function lookup is one dictionary probe with <see cref="DeviceKeyComparer"/>.
/// </summary>
public class Device
{
    private readonly Dictionary<string, DeviceFunction> _functions = new(DeviceKeyComparer.Instance);

    public Device(string name, DeviceInfo? info = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var at = name.IndexOf('@');
        if (at <= 0 || at == name.Length - 1)
            throw new ArgumentException($"device names are name@version, not '{name}'", nameof(name));
        Name = MessageKeys.Normalize(name);
        Info = info ?? DeviceInfo.Empty;
    }

    public static Device Create(string name, DeviceInfo? info, params (string Key, DeviceFunction Function)[] functions)
    {
        var device = new Device(name, info);
        foreach (var (key, function) in functions) device.Map(key, function);
        return device;
    }

    public static Device Create(string name, params (string Key, DeviceFunction Function)[] functions) =>
        Create(name, null, functions);

    public string Name { get; }

    public DeviceInfo Info { get; protected init; }

    public IEnumerable<string> FunctionKeys => _functions.Keys;

    /// <summary>The info for a particular base message; override when exports depend on it (as <c>stack-keys</c>).</summary>
    public virtual DeviceInfo InfoFor(Message @base) => Info;

    public bool TryGetFunction(string key, [MaybeNullWhen(false)] out DeviceFunction function) =>
        _functions.TryGetValue(key, out function);

    /// <summary>Registers the function for a key; call from constructors only (devices are shared across threads).</summary>
    protected void Map(string key, DeviceFunction function)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(function);
        _functions[key] = function;
    }

    public override string ToString() => Name;
}
