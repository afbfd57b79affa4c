using Akka.Actor;
using Akka.Cluster;

namespace HyperBeam.Cluster.Tests.Support;

internal static class Members
{
    /// <summary>The addresses this node sees as Up.</summary>
    public static IReadOnlySet<Address> Up(TestClusterNode node) =>
        node.Cluster.State.Members.Where(m => m.Status == MemberStatus.Up).Select(m => m.Address).ToHashSet();

    public static void AssertUp(TestClusterNode viewer, IEnumerable<TestClusterNode> expected)
    {
        var want = expected.Select(n => n.Address).ToHashSet();
        var seen = viewer.Cluster.State.Members.Select(m => m.Address).ToHashSet();
        Assert.True(want.SetEquals(Up(viewer)) && want.SetEquals(seen),
            $"{viewer.Address} sees [{string.Join(", ", viewer.Cluster.State.Members.Select(m => $"{m.Address}:{m.Status}"))}], expected Up [{string.Join(", ", want)}]");
    }
}
