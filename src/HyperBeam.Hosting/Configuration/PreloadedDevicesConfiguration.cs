using Akka.Configuration;
using HyperBeam.Core.Devices;
using HyperBeam.Hosting.Devices;

namespace HyperBeam.Hosting.Configuration;

/// <summary>
/// Reads <c>hyperbeam.preloaded-devices</c>: names from <see cref="NodeDeviceTable"/> only, and always
/// <c>message@1.0</c>, the device of every message that names none. Absent, every device is loaded.
/// </summary>
internal static class PreloadedDevicesConfiguration
{
    private const string Key = "hyperbeam.preloaded-devices";

    public static IReadOnlySet<string>? Read(Config section)
    {
        if (!section.HasPath("preloaded-devices")) return null;
        var value = section.GetValue("preloaded-devices");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // An empty HOCON list is neither an array nor a string to Akka's parser; it falls through to the message@1.0 check.
        if (value.IsArray())
        {
            foreach (var item in value.GetArray())
            {
                var name = item.IsString() ? item.GetString() : item.ToString();
                if (!NodeDeviceTable.Names.Contains(name, StringComparer.OrdinalIgnoreCase))
                    throw new NodeConfigurationException(
                        $"{Key} names '{name}', which is not allowed: the node's devices are {string.Join(", ", NodeDeviceTable.Names)}");
                names.Add(name);
            }
        }
        else if (value.GetString() is { } text)
        {
            throw new NodeConfigurationException($"{Key} = '{text}' is not allowed: it must be a list of device names, e.g. [\"message@1.0\", \"meta@1.0\"]");
        }
        if (!names.Contains(MessageDevice.DeviceName))
            throw new NodeConfigurationException(
                $"{Key} = [{string.Join(", ", names)}] is not allowed: it must name {MessageDevice.DeviceName}, the device of every message that names none");
        return names;
    }
}
