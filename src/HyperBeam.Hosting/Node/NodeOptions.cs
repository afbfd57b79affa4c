using Akka.Configuration;
using HyperBeam.Actors.Protocol;
using HyperBeam.Core.Messages;
using HyperBeam.Devices.Relay;
using HyperBeam.Hosting.Configuration;
using HyperBeam.Http;
using HyperBeam.Storage;

namespace HyperBeam.Hosting.Node;

/// <summary>Everything a node needs to start; built from HOCON, environment and flags (see <see cref="NodeConfiguration"/>).</summary>
public sealed record NodeOptions
{
    public const int DefaultPort = 8734;

    /// <summary>The address to listen on; <c>0.0.0.0</c> serves every interface, as HyperBEAM does.</summary>
    public string Host { get; init; } = "0.0.0.0";

    /// <summary>The HTTP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// A second port that speaks HTTP/2 over cleartext with prior knowledge (h2c); null for none. Kestrel cannot offer
    /// HTTP/1.1 and cleartext HTTP/2 on one port without TLS, so h2c clients get a port of their own.
    /// </summary>
    public int? Http2Port { get; init; }

    public string DataDir { get; init; } = "./hb-data";

    /// <summary>
    /// The node's store chain, tried in order (HOCON <c>hyperbeam.store</c>); relative paths are under
    /// <see cref="DataDir"/>. The default is one RocksDB store in <c>store</c>.
    /// </summary>
    public IReadOnlyList<StoreOptions> Stores { get; init; } = [new StoreOptions { Type = StoreTypes.RocksDb, Path = "store" }];

    /// <summary>The wallet key file; created when missing. Defaults to <c>hb-key.json</c> in the data folder.</summary>
    public string? KeyFile { get; init; }

    public HttpLimits Limits { get; init; } = new();

    public ResolveQueueOptions Queue { get; init; } = new();

    /// <summary>The pooled HTTP client that relay@1.0 sends through (timeouts, connection limits).</summary>
    public RelayOptions Relay { get; init; } = new();

    /// <summary>
    /// The randomness of router@1.0's <c>Random</c> and <c>By-Weight</c> strategies; <see cref="System.Random.Shared"/>
    /// when null. Seed it (tests) for picks that repeat from run to run.
    /// </summary>
    public Random? RouterRandom { get; init; }

    /// <summary>The AO-level node message (HyperBEAM's node options): what <c>/~meta@1.0/info</c> shows.</summary>
    public Message NodeMessage { get; init; } = Message.Empty;

    /// <summary>The Akka.NET configuration (HOCON) of the node's actor system; null for Akka's defaults.</summary>
    public Config? AkkaConfig { get; init; }

    /// <summary>Where <c>GET /</c> redirects.</summary>
    public string DefaultPage { get; init; } = "/~meta@1.0/info";

    /// <summary>Feature flags (HOCON <c>hyperbeam.features</c>); shown in <c>/~meta@1.0/info</c> as <c>features</c>.</summary>
    public NodeFeatures Features { get; init; } = new();

    /// <summary>
    /// The names of the shipped devices this node loads (HOCON <c>hyperbeam.preloaded-devices</c>, HyperBEAM's
    /// <c>preloaded_devices</c>), from <see cref="Devices.NodeDeviceTable.Names"/>; null loads every one. Devices an
    /// app adds itself (<see cref="Modules"/>) are always loaded.
    /// </summary>
    public IReadOnlySet<string>? PreloadedDevices { get; init; }

    /// <summary>Modules added after the built-in ones (<see cref="HyperBeamNode.Modules"/>): custom devices, endpoints, Akka setup.</summary>
    public IReadOnlyList<INodeModule> Modules { get; init; } = [];

    public string ResolvedKeyFile => KeyFile ?? Path.Combine(DataDir, "hb-key.json");
}
