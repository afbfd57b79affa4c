using System.Globalization;
using HyperBeam.Core.Ids;
using HyperBeam.Core.Messages;
using HyperBeam.Core.Tests.Vectors;
using HyperBeam.Storage.Caching;
using HyperBeam.Storage.Tests.Support;
using HyperBeam.Tests.Shared;

namespace HyperBeam.Storage.Tests.Caching;

/// <summary>
/// Commitment IDs are linked to the message that carries them, but never over a message stored under that ID as a
/// group: a process state carries its process's commitments (the HMAC one keyed by the process's unsigned ID) and
/// the process itself, and every slot's state must still store.
/// </summary>
public sealed class CommitmentIdLinkTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>HyperBEAM's signed <c>{a: b}</c>: an RSA commitment and an HMAC one keyed by its unsigned ID.</summary>
    private static Message SignedProcess()
    {
        var row = (VectorCase)VectorFile.Rows("signed.json", "httpsig").First()[0];
        var signed = TypedJson.ToMessage(row.Data.GetProperty("output").GetProperty("signed_message"));
        Assert.Contains(MessageIds.Unsigned(signed), ((Message)signed.Get(MessageIds.CommitmentsKey)!).Keys);
        return signed;
    }

    /// <summary>What dev_process makes of it: the process's keys and commitments, the process under <c>process</c>.</summary>
    private static Message StateAt(Message process, long slot) =>
        process.Set("process", process).Set("device", "process@1.0").Set("at-slot", new AoInteger(slot));

    private static StorePath SlotPath(string processId, long slot) =>
        StorePath.Of("computed", processId, "slot", slot.ToString(CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Every_slot_of_a_signed_process_stores_and_reads_back(string kind)
    {
        await using var store = StoreKinds.Open(kind, _temp);
        var cache = new MessageCache(store);
        var process = SignedProcess();
        var pid = MessageIds.All(process);

        // The sequence ComputedResults runs for each computed slot.
        for (var slot = 0; slot < 4; slot++)
        {
            var id = await cache.WriteAsync(StateAt(process, slot));
            await store.MakeLinkAsync(StorePath.Of(id), SlotPath(pid, slot));
        }

        for (var slot = 0; slot < 4; slot++)
            Assert.Equal(StateAt(process, slot), await cache.ReadValueAsync(SlotPath(pid, slot)));
        // The process is still what its IDs name, not one of the states that carry its commitments.
        Assert.Equal(process, await cache.ReadAsync(MessageIds.Unsigned(process)));
        Assert.Equal(process, await cache.ReadAsync(pid));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Writing_the_same_message_twice_is_idempotent(string kind)
    {
        await using var store = StoreKinds.Open(kind, _temp);
        var cache = new MessageCache(store);
        var state = StateAt(SignedProcess(), 7);

        var first = await cache.WriteAsync(state);
        var second = await cache.WriteAsync(state);

        Assert.Equal(first, second);
        Assert.Equal(state, await cache.ReadAsync(first));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_commitment_id_already_stored_as_a_group_keeps_its_message(string kind)
    {
        await using var store = StoreKinds.Open(kind, _temp);
        var cache = new MessageCache(store);
        var process = SignedProcess();
        var unsignedId = await cache.WriteAsync(process);
        // A copy with one more key carries the process's commitments, the HMAC one keyed by the stored group's ID.
        var copy = process.Set("extra", "key");

        var copyId = await cache.WriteAsync(copy);

        Assert.Equal(process, await cache.ReadAsync(unsignedId));
        Assert.Equal(copy, await cache.ReadAsync(copyId));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_cached_result_that_carries_a_nested_message_s_commitments_stores(string kind)
    {
        await using var store = StoreKinds.Open(kind, _temp);
        var cache = new MessageCache(store);
        var state = StateAt(SignedProcess(), 1);

        await cache.WriteResultAsync("base/request", state);

        Assert.Equal(state, await cache.ReadResultAsync("base/request"));
    }
}
