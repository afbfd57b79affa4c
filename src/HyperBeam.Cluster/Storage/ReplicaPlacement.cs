using System.IO.Hashing;
using System.Text;
using Akka.Actor;

namespace HyperBeam.Cluster.Storage;

/// <summary>
/// Chooses the nodes that hold copies of a key by rendezvous hashing: every node ranks the candidates the same way
/// without coordination, and a node joining or leaving moves only the keys it ranks first.
/// </summary>
internal static class ReplicaPlacement
{
    public static IReadOnlyList<Address> Choose(string key, IEnumerable<Address> candidates, int count) =>
        count <= 0
            ? []
            : [.. candidates.OrderByDescending(a => Score(key, a)).ThenBy(a => a.ToString(), StringComparer.Ordinal).Take(count)];

    private static ulong Score(string key, Address node) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(key + "|" + node));
}
