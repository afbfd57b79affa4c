using System.Collections.Concurrent;

namespace EmbeddedNode;

/// <summary>The app's own state: stock counts by item. An ordinary singleton service that the device reads.</summary>
public sealed class Inventory
{
    private readonly ConcurrentDictionary<string, long> _stock = new(StringComparer.OrdinalIgnoreCase);

    public long CountOf(string item) => _stock.GetValueOrDefault(item);

    public long Add(string item, long count) => _stock.AddOrUpdate(item, count, (_, old) => old + count);
}
