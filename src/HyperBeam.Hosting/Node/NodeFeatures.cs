namespace HyperBeam.Hosting.Node;

/// <summary>
/// The node's feature flags (HOCON <c>hyperbeam.features</c>, each <c>on</c> or <c>off</c>). They are part of the
/// node message, so <c>/~meta@1.0/info</c> shows them under <c>features</c>.
/// </summary>
public sealed record NodeFeatures
{
    /// <summary>The flag names <c>hyperbeam.features</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = ["http2", "lua", "wasm", "cluster", "metrics", "tracing", "dashboard"];

    /// <summary>Serve h2c on <c>http2-port</c> when one is set.</summary>
    public bool Http2 { get; init; } = true;

    /// <summary>The <c>lua@5.3a</c> execution device.</summary>
    public bool Lua { get; init; } = true;

    /// <summary>The <c>wasm-64@1.0</c> execution device.</summary>
    public bool Wasm { get; init; } = true;

    /// <summary>Join an Akka.NET cluster (seed nodes, sharded processes) instead of running alone.</summary>
    public bool Cluster { get; init; }

    /// <summary>Prometheus text at <c>/metrics</c> and <c>/~hyperbuddy@1.0/metrics</c>.</summary>
    public bool Metrics { get; init; } = true;

    /// <summary><c>?trace=1</c> on a request returns its stages with timings.</summary>
    public bool Tracing { get; init; } = true;

    /// <summary>The dashboard at <c>/~hyperbuddy@1.0/index</c>.</summary>
    public bool Dashboard { get; init; } = true;
}
