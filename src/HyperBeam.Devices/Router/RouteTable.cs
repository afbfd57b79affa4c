using System.Collections.Immutable;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Nodes;

namespace HyperBeam.Devices.Router;

/// <summary>
/// A node's routes: those of the node message's <c>routes</c> key, plus the routes added at runtime (signed
/// <c>POST</c>s to <c>routes</c>). As HyperBEAM re-sorts the whole table on each addition, once anything has been
/// added the table is ordered by <c>priority</c> (lowest first, routes without one last), a new route ahead of
/// older ones of the same priority; until then the configured order stands. Thread-safe.
/// </summary>
public sealed class RouteTable
{
    private ImmutableList<Message> _added = [];

    /// <summary>Adds a route (newest first among equals).</summary>
    public void Add(Message route)
    {
        ArgumentNullException.ThrowIfNull(route);
        ImmutableInterlocked.Update(ref _added, added => added.Insert(0, route));
    }

    /// <summary>The routes in force for a node message.</summary>
    public IReadOnlyList<Message> Current(Message node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var configured = NodeMessageOptions.GetList(node, "routes").OfType<Message>();
        var added = _added;
        if (added.IsEmpty) return configured.ToList();
        // OrderBy is stable: among equal priorities, newer additions (listed first) precede older and configured ones.
        return added.Concat(configured).OrderBy(Priority).ToList();
    }

    private static double Priority(Message route) => route.Get("priority") switch
    {
        AoInteger i => i.Value,
        AoFloat f => f.Value,
        AoBinary b when double.TryParse(b.Text, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => double.PositiveInfinity,
    };
}
