using HyperBeam.Core.Messages;
using HyperBeam.Core.Wallets;

namespace HyperBeam.Core.Nodes;

/// <summary>
/// The node message (HyperBEAM's node options as a message) and the node's wallet. The message is swapped
/// atomically on every change, so readers always see one consistent version.
/// </summary>
public sealed class NodeState(Message initial, Wallet? wallet)
{
    private Message _current = initial;
    private readonly Lock _writeLock = new();

    public Message Current => Volatile.Read(ref _current);

    public Wallet? Wallet { get; } = wallet;

    /// <summary>The node's address, or null for a node without a wallet.</summary>
    public string? Address => Wallet?.Address;

    /// <summary>Applies <paramref name="change"/> to the current message; changes are serialised.</summary>
    public Message Update(Func<Message, Message> change)
    {
        lock (_writeLock)
        {
            var next = change(_current);
            Volatile.Write(ref _current, next);
            return next;
        }
    }
}
