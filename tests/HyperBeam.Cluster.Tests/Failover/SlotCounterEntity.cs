using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Persistence;
using HyperBeam.Core.Messages;

namespace HyperBeam.Cluster.Tests.Failover;

/// <summary>
/// A stand-in for ProcessEntity: a gapless slot counter whose assignments are events in the shared journal
/// (persisted as AO messages, so through the wire serializer). Idempotent per request ID, so a client that retries
/// after a lost reply never takes a second slot.
/// </summary>
public sealed class SlotCounterEntity : ReceivePersistentActor
{
    private readonly List<string> _requestsBySlot = [];
    private readonly Dictionary<string, long> _slotOfRequest = [];

    public SlotCounterEntity(string counterId)
    {
        PersistenceId = "slot-counter-" + counterId;
        Recover<Message>(Apply);
        Command<TakeSlot>(take =>
        {
            if (_slotOfRequest.TryGetValue(take.RequestId, out var slot))
            {
                Sender.Tell(new SlotTaken(take.RequestId, slot, Node));
                return;
            }
            Persist(Message.Of(("slot", (long)_requestsBySlot.Count), ("request", take.RequestId)), assigned =>
            {
                Apply(assigned);
                Sender.Tell(new SlotTaken(take.RequestId, _requestsBySlot.Count - 1, Node));
            });
        });
        Command<GetSlots>(_ => Sender.Tell(new SlotHistory([.. _requestsBySlot])));
    }

    public override string PersistenceId { get; }

    public static Props Props(string counterId) => Akka.Actor.Props.Create(() => new SlotCounterEntity(counterId));

    public static IMessageExtractor Extractor { get; } = new CounterExtractor();

    private string Node => Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();

    private void Apply(Message assigned)
    {
        var slot = ((AoInteger)assigned.Get("slot")!).Value;
        if (slot != _requestsBySlot.Count) throw new InvalidOperationException($"slot {slot} after {_requestsBySlot.Count} slots: the journal has a gap");
        var request = assigned.GetText("request")!;
        _requestsBySlot.Add(request);
        _slotOfRequest[request] = slot;
    }

    private sealed class CounterExtractor() : HashCodeMessageExtractor(30)
    {
        public override string? EntityId(object message) => (message as ICounterCommand)?.CounterId;
    }
}
