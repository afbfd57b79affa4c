using HyperBeam.Core.Devices;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Hosting.Node;
using Microsoft.Extensions.Configuration;

namespace HyperBeam.Hosting;

/// <summary>
/// How <c>services.AddHyperBeam(options => …)</c> builds the embedded node. Settings come in the documented layers
/// (hocon/README.md): the embedded HOCON defaults &lt; <see cref="ConfigFile"/> &lt; the app's configuration section
/// <c>HyperBeam</c> (appsettings.json) &lt; <c>HB_*</c> environment variables &lt; <see cref="Set"/> &lt;
/// <see cref="Configure"/>. Custom devices and modules are the extension point.
/// </summary>
public sealed class HyperBeamOptions
{
    private readonly Dictionary<string, string> _overrides = new(StringComparer.Ordinal);
    private readonly List<INodeModule> _modules = [];
    private readonly List<Func<NodeOptions, NodeOptions>> _edits = [];

    /// <summary>The app's configuration; its <c>HyperBeam</c> section is a layer. Set by the host-builder overload.</summary>
    public IConfiguration? Configuration { get; set; }

    /// <summary>A HOCON file layered over the defaults.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>Whether <c>HB_*</c> environment variables are a layer (on by default).</summary>
    public bool UseEnvironment { get; set; } = true;

    /// <summary>The wallet key file; <c>hb-key.json</c> in the data folder when null.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Sets a HOCON path, e.g. <c>Set("hyperbeam.port", "0")</c>; validated with everything else at build.</summary>
    public HyperBeamOptions Set(string path, string value)
    {
        _overrides[path] = value;
        return this;
    }

    /// <summary>Edits the bound options last (things with no HOCON form: a seeded <see cref="Random"/>, a queue size).</summary>
    public HyperBeamOptions Configure(Func<NodeOptions, NodeOptions> edit)
    {
        _edits.Add(edit);
        return this;
    }

    /// <summary>Adds devices (replacing built-in ones of the same name).</summary>
    public HyperBeamOptions AddDevice(params Device[] devices) => AddModule(new DeviceModule(devices));

    /// <summary>Adds a device made once the node has started, from its store, cache, services or actors.</summary>
    public HyperBeamOptions AddDevice(Func<NodeContext, Device> device) => AddModule(new DeviceModule(node => [device(node)]));

    /// <summary>Adds a module: devices, services, Akka setup and endpoints in one.</summary>
    public HyperBeamOptions AddModule(INodeModule module)
    {
        _modules.Add(module);
        return this;
    }

    /// <summary>The node's options from every layer; invalid settings throw <see cref="NodeConfigurationException"/>.</summary>
    public NodeOptions Build()
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (UseEnvironment)
            foreach (var (path, value) in ConfigurationLayers.FromEnvironment(Environment.GetEnvironmentVariables())) overrides[path] = value;
        foreach (var (path, value) in _overrides) overrides[path] = value;
        var options = NodeConfiguration.Load(ConfigFile, ConfigurationLayers.FromAppSettings(Configuration), overrides, KeyFile);
        options = options with { Modules = [.. options.Modules, .. _modules] };
        foreach (var edit in _edits) options = edit(options);
        return options;
    }
}
