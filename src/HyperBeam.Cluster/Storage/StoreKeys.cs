using System.IO.Hashing;
using System.Text;
using HyperBeam.Storage;

namespace HyperBeam.Cluster.Storage;

/// <summary>
/// Which key owns a store path, and which shard owns a key. A message lives under its ID (<c>ID/...</c>), so the
/// first segment is the key; content-addressed values (<c>data/HASH</c>) are keyed by their hash, so the one
/// <c>data</c> group does not pile every value onto a single shard.
/// </summary>
public static class StoreKeys
{
    public const string DataGroup = "data";

    public static string KeyOf(StorePath path) =>
        path.Depth >= 2 && path.Segments[0] == DataGroup ? DataGroup + "/" + path.Segments[1] : path.Segments[0];

    /// <summary>A hash that is the same in every process and release (never <see cref="string.GetHashCode()"/>).</summary>
    public static int ShardOf(string key, int shards) =>
        (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(key)) % (uint)shards);
}
