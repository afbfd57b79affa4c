namespace HyperBeam.Devices.Router;

/// <summary>
/// How a route with several <c>nodes</c> picks among them (its <c>strategy</c> key, spelled as HyperBEAM does).
/// </summary>
public enum RouteStrategy
{
    /// <summary><c>All</c> (and no strategy at all): every node, in order.</summary>
    All,

    /// <summary><c>Random</c>: uniformly, without repeats.</summary>
    Random,

    /// <summary><c>By-Base</c>: the request's base ID (or path hash) as a number, modulo the node count — the same base always lands on the same node.</summary>
    ByBase,

    /// <summary><c>By-Weight</c>: at random in proportion to each node's <c>weight</c>.</summary>
    ByWeight,

    /// <summary><c>Nearest</c>: the nodes whose <c>wallet</c> address is closest to the request's base ID on a 256-bit ring.</summary>
    Nearest,
}
