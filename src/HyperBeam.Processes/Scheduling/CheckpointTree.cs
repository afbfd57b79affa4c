using System.Security.Cryptography;
using System.Text;

namespace HyperBeam.Processes.Scheduling;

/// <summary>
/// The Merkle tree of a node checkpoint: one leaf per process whose chain head it covers, built and proven as
/// RFC 9162 (Certificate Transparency 2.0, §2.1) builds its trees. Leaf = SHA-256(0x00 ‖ process ‖ 0x0A ‖ slot ‖ 0x0A ‖
/// hash-chain) over the texts as they appear in the checkpoint (slot in decimal); node = SHA-256(0x01 ‖ left ‖ right);
/// a tree of n leaves splits at the largest power of two below n. The prefixes keep a leaf from passing for a node.
/// </summary>
public static class CheckpointTree
{
    public static byte[] Leaf(string processId, long slot, string hashChain) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("\0" + processId + "\n" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + hashChain));

    /// <summary>
    /// The tree over <paramref name="leaves"/> (at least one), level by level from the leaves up: pairs hash into
    /// their parent and a lone last node moves up unchanged, which gives RFC 9162's tree (its split at the largest
    /// power of two) without recursion, so every leaf's proof costs log n.
    /// </summary>
    public static List<byte[][]> Levels(IReadOnlyList<byte[]> leaves)
    {
        ArgumentOutOfRangeException.ThrowIfZero(leaves.Count);
        var levels = new List<byte[][]> { leaves.ToArray() };
        while (levels[^1].Length > 1)
        {
            var below = levels[^1];
            var level = new byte[(below.Length + 1) / 2][];
            for (var i = 0; i < level.Length; i++)
                level[i] = 2 * i + 1 < below.Length ? Node(below[2 * i], below[2 * i + 1]) : below[2 * i];
            levels.Add(level);
        }
        return levels;
    }

    /// <summary>The root of a tree built by <see cref="Levels"/>.</summary>
    public static byte[] Root(List<byte[][]> levels) => levels[^1][0];

    /// <summary>The inclusion proof of leaf <paramref name="index"/>: the sibling hashes from the leaf up.</summary>
    public static List<byte[]> Proof(List<byte[][]> levels, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, levels[0].Length);
        var proof = new List<byte[]>();
        for (var level = 0; level < levels.Count - 1; level++, index >>= 1)
        {
            var sibling = index ^ 1;
            if (sibling < levels[level].Length) proof.Add(levels[level][sibling]);
        }
        return proof;
    }

    /// <summary>
    /// The root that <paramref name="proof"/> leads to from <paramref name="leaf"/> at <paramref name="index"/> in a
    /// tree of <paramref name="size"/> leaves (RFC 9162 §2.1.3.2), or null when the proof does not fit that tree.
    /// </summary>
    public static byte[]? RootFromProof(byte[] leaf, long index, long size, IReadOnlyList<byte[]> proof)
    {
        if (index < 0 || index >= size) return null;
        long fn = index, sn = size - 1;
        var r = leaf;
        foreach (var p in proof)
        {
            if (p.Length != 32 || sn == 0) return null;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    private static byte[] Node(byte[] left, byte[] right)
    {
        Span<byte> input = stackalloc byte[65];
        input[0] = 1;
        left.CopyTo(input[1..]);
        right.CopyTo(input[33..]);
        return SHA256.HashData(input);
    }
}
