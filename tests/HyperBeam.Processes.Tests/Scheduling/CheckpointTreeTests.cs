using System.Security.Cryptography;
using HyperBeam.Processes.Scheduling;

namespace HyperBeam.Processes.Tests.Scheduling;

public sealed class CheckpointTreeTests
{
    [Fact]
    public void Every_leaf_of_trees_of_1_to_40_leaves_proves_its_way_to_the_root()
    {
        for (var size = 1; size <= 40; size++)
        {
            var leaves = Leaves(size);
            var levels = CheckpointTree.Levels(leaves);
            for (var i = 0; i < size; i++)
                Assert.Equal(CheckpointTree.Root(levels), CheckpointTree.RootFromProof(leaves[i], i, size, CheckpointTree.Proof(levels, i)));
        }
    }

    [Fact]
    public void The_root_is_RFC_9162s_for_an_unbalanced_tree()
    {
        var leaves = Leaves(5);
        // RFC 9162 splits 5 leaves at 4: MTH = node(node(node(a, b), node(c, d)), e).
        var expected = Node(Node(Node(leaves[0], leaves[1]), Node(leaves[2], leaves[3])), leaves[4]);

        Assert.Equal(expected, CheckpointTree.Root(CheckpointTree.Levels(leaves)));
    }

    [Fact]
    public void A_proof_fails_for_another_leaf_another_index_or_another_tree_size()
    {
        var leaves = Leaves(7);
        var levels = CheckpointTree.Levels(leaves);
        var root = CheckpointTree.Root(levels);
        var proof = CheckpointTree.Proof(levels, 3);

        Assert.NotEqual(root, CheckpointTree.RootFromProof(leaves[4], 3, 7, proof));
        Assert.NotEqual(root, CheckpointTree.RootFromProof(leaves[3], 2, 7, proof));
        Assert.NotEqual(root, CheckpointTree.RootFromProof(leaves[3], 3, 9, proof));
        Assert.Null(CheckpointTree.RootFromProof(leaves[3], 7, 7, proof));
    }

    [Fact]
    public void A_leaf_binds_process_slot_and_chain_head()
    {
        var leaf = CheckpointTree.Leaf("p", 12, "head");

        Assert.NotEqual(leaf, CheckpointTree.Leaf("q", 12, "head"));
        Assert.NotEqual(leaf, CheckpointTree.Leaf("p", 13, "head"));
        Assert.NotEqual(leaf, CheckpointTree.Leaf("p", 12, "hea"));
        Assert.NotEqual(leaf, CheckpointTree.Leaf("p", 1, "2\nhead"));
    }

    private static List<byte[]> Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => CheckpointTree.Leaf("process-" + i, i, "chain-" + i)).ToList();

    private static byte[] Node(byte[] left, byte[] right) => SHA256.HashData([1, .. left, .. right]);
}
