using HyperBeam.Core.Devices;
using HyperBeam.Devices;
using HyperBeam.Devices.Bundler;
using HyperBeam.Devices.Cache;
using HyperBeam.Devices.Hyperbuddy;
using HyperBeam.Devices.Meta;
using HyperBeam.Devices.Relay;
using HyperBeam.Devices.Router;
using HyperBeam.Hosting.Modules.Observability;
using HyperBeam.Hosting.Node;
using HyperBeam.Lua;
using HyperBeam.Processes.Devices.Cron;
using HyperBeam.Processes.Devices.Dedup;
using HyperBeam.Processes.Devices.Patch;
using HyperBeam.Processes.Devices.Process;
using HyperBeam.Processes.Devices.Push;
using HyperBeam.Processes.Devices.Scheduler;
using HyperBeam.Wasm;
using HyperBeam.Wasm.Aos;
using HyperBeam.Wasm.JsonIface;
using HyperBeam.Wasm.Wasi;

namespace HyperBeam.Hosting.Devices;

/// <summary>
/// Every device the node ships, in one table (HyperBEAM's <c>preloaded_devices</c>): its name, how it is made, which
/// part of the node makes it and the feature flag it needs. <c>hyperbeam.preloaded-devices</c> chooses from these
/// names; a device not chosen, or whose flag is off, is not loaded. An embedding app's own devices
/// (<c>AddDevice</c>) are not in the table and are always loaded.
/// </summary>
public static class NodeDeviceTable
{
    public static IReadOnlyList<DeviceEntry> Entries { get; } =
    [
        new(MessageDevice.DeviceName, DeviceSupplier.Node, _ => new MessageDevice()),
        new(StackDevice.DeviceName, DeviceSupplier.Node, _ => new StackDevice()),
        new(StackTransformerDevice.DeviceName, DeviceSupplier.Node, _ => new StackTransformerDevice()) { LoadedWith = StackDevice.DeviceName },
        new(MultipassDevice.DeviceName, DeviceSupplier.Node, _ => new MultipassDevice()),
        // The introspection keys (actors, processes, cluster) answer beside meta@1.0's own info and build.
        new(DeviceNames.Meta, DeviceSupplier.Node, s => new NodeMetaDevice(new MetaDevice(s.Node.State), s.Node)),
        new(DeviceNames.Cache, DeviceSupplier.Node, s => new CacheDevice(s.Node.Cache)),
        new(DeviceNames.Lookup, DeviceSupplier.Node, s => new LookupDevice(s.Node.Cache)),
        new(BundlerDevice.DeviceName, DeviceSupplier.Node, s => new BundlerDevice(s.Node.Cache)),
        // relay@1.0 follows the routes router@1.0 adds: both use the node's one route planner.
        new(DeviceNames.Relay, DeviceSupplier.Node, s => new RelayDevice(s.Node.RelayClient, s.Node.Options.Relay, s.Planner, s.Signer)),
        new(DeviceNames.Router, DeviceSupplier.Node, s => new RouterDevice(s.Planner)),
        new(HyperbuddyDevice.DeviceName, DeviceSupplier.Node, s => new HyperbuddyDevice(
            s.Node.Options.Features.Metrics ? PrometheusText.RenderAsync : null, s.Node.Options.Features.Dashboard)),
        new(SchedulerDevice.DeviceName, DeviceSupplier.Processes, s => new SchedulerDevice(s.Gateway, s.Node.Cache.WriteAsync, s.Node.State.Wallet?.Address)),
        new(ProcessDevice.DeviceName, DeviceSupplier.Processes, s => new ProcessDevice(s.Gateway)),
        new(PushDevice.DeviceName, DeviceSupplier.Processes, s => new PushDevice(s.Gateway, s.Signer)),
        new(CronDevice.DeviceName, DeviceSupplier.Processes, s => new CronDevice(s.Cron)),
        new(DedupDevice.DeviceName, DeviceSupplier.Processes, _ => new DedupDevice()),
        new(PatchDevice.DeviceName, DeviceSupplier.Processes, _ => new PatchDevice()),
        // Execution devices: the shared instance answers direct calls (/~lua@5.3a/…); each compute worker makes its
        // own from PerWorker, so a VM belongs to one process. Anyone may call the shared wasm device: its instances
        // are pooled and bounded, none is a process's own.
        new(LuaDevice.DeviceName, DeviceSupplier.Processes, _ => new LuaDevice()) { Feature = f => f.Lua, PerWorker = LuaDevice.CreateFactory() },
        new(WasmDevice.DeviceName, DeviceSupplier.Processes, _ => new WasmDevice()) { Feature = f => f.Wasm, PerWorker = WasmDevice.CreateFactory() },
        // The default execution device of a process that names none: legacy AO (emscripten, JSON interface) modules.
        new(GenesisWasmDevice.DeviceName, DeviceSupplier.Processes, _ => new GenesisWasmDevice()) { Feature = f => f.Wasm, PerWorker = GenesisWasmDevice.CreateFactory() },
        // The same as a HyperBEAM stack [wasi@1.0, json-iface@1.0, wasm-64@1.0, multipass@1.0]: both keep their state in the message.
        new(WasiDevice.DeviceName, DeviceSupplier.Processes, _ => new WasiDevice()) { Feature = f => f.Wasm },
        new(JsonIfaceDevice.DeviceName, DeviceSupplier.Processes, _ => new JsonIfaceDevice()) { Feature = f => f.Wasm },
    ];

    /// <summary>The names <c>hyperbeam.preloaded-devices</c> accepts (helpers loaded with another device are not among them).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Where(e => e.LoadedWith is null).Select(e => e.Name)];

    /// <summary>The entries of <paramref name="supplier"/> this node loads: chosen by its preloaded devices and its feature flags.</summary>
    public static IEnumerable<DeviceEntry> Loaded(DeviceSupplier supplier, NodeOptions options) =>
        Entries.Where(e => e.Supplier == supplier && IsLoaded(e, options));

    /// <summary>The devices of <paramref name="supplier"/> this node loads, made from <paramref name="sources"/>.</summary>
    public static Device[] Create(DeviceSupplier supplier, DeviceSources sources) =>
        [.. Loaded(supplier, sources.Node.Options).Select(e => e.Create(sources))];

    private static bool IsLoaded(DeviceEntry entry, NodeOptions options) =>
        (entry.Feature?.Invoke(options.Features) ?? true)
        && (options.PreloadedDevices is not { } chosen || chosen.Contains(entry.LoadedWith ?? entry.Name));
}
