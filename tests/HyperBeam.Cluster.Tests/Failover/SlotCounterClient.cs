using Akka.Actor;

namespace HyperBeam.Cluster.Tests.Failover;

/// <summary>A client of the slot-counter region, as the failover and partition tests drive it.</summary>
internal static class SlotCounterClient
{
    public static Task<SlotTaken> TakeAsync(IActorRef region, string counter, string request, TimeSpan patience) =>
        AskWithRetryAsync<SlotTaken>(region, new TakeSlot(counter, request), patience);

    /// <summary>Asks until answered, as a client does while the entity is between nodes (same request, so idempotent).</summary>
    public static async Task<T> AskWithRetryAsync<T>(IActorRef region, object command, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return await region.Ask<T>(command, TimeSpan.FromSeconds(2));
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
