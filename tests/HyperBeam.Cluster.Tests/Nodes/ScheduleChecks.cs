using HyperBeam.Core.Messages;
using HyperBeam.Processes.Scheduling;
using static HyperBeam.Tests.Shared.ProcessHttp;

namespace HyperBeam.Cluster.Tests.Nodes;

/// <summary>What a schedule must look like after any failure: the history clients were promised, and nothing else.</summary>
internal static class ScheduleChecks
{
    /// <summary>
    /// Slots 0..N each once on one unbroken hash chain, no message (by its <c>n</c>) scheduled twice, and every
    /// acknowledged message at the slot its client was told. <paramref name="acknowledged"/>: n → (slot, who said so).
    /// </summary>
    public static void EveryAcknowledgedSlotStands(IReadOnlyList<Message> assignments, IEnumerable<KeyValuePair<int, (long Slot, string By)>> acknowledged)
    {
        Assert.Equal(Enumerable.Range(0, assignments.Count).Select(i => (long)i), assignments.Select(a => Integer(a, "slot")));
        Assert.True(ScheduleVerifier.ChainMatches(assignments), "the hash chain is broken");
        var slotOf = new Dictionary<long, long>();
        foreach (var assignment in assignments.Skip(1))
        {
            var n = Integer(assignment.GetMessage("body")!, "n");
            Assert.True(slotOf.TryAdd(n, Integer(assignment, "slot")), $"message {n} was scheduled twice");
        }
        foreach (var (n, (slot, by)) in acknowledged)
        {
            Assert.True(slotOf.TryGetValue(n, out var actual), $"message {n}, acknowledged by {by} at slot {slot}, is missing");
            Assert.True(slot == actual, $"message {n}, acknowledged by {by} at slot {slot}, sits at slot {actual}");
        }
    }
}
